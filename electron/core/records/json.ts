// The full-records JSON export: the view as the dashboard shows it, the ledger heads it was made
// from, and every raw signed line of those ledgers, so that re-importing the file loses nothing
// and every signature still verifies. A pseudonymised export carries no ledger lines (they hold
// names, emails and profile ids) and says so in `ledgersOmitted`.
//
// The published JSON Schema, schemas/records-export.schema.json, is generated from
// recordsExportSchema. After changing the schema, regenerate it with
//   UPDATE_SCHEMA=1 npx vitest run --project node test/core/records/json.test.ts
// (without UPDATE_SCHEMA the same test fails while the committed file differs).
//
// Written in chunks: one array element per line, a few hundred kilobytes per write, so a
// 100,000-row matrix is never held as one string.
import type { Writable } from 'node:stream';
import { z } from 'zod';
import type { LedgerHeadRef, RecordsView } from '../contract/views/records';
import { StewardError } from '../errors';
import { entryBody, sha256Hex } from '../ledger/entry';
import type { LedgerEntry } from '../ledger/entry';
import type { LedgerRead } from '../ledger/scan';
import { CHUNK_ROWS, writeChunk, yieldTurn } from './csv';
import type { WriteOptions } from './csv';
import { headRefSchema } from './events';
import type { Reason } from '../contract/reasons';
import type { IntegrityNote } from './report';

export const RECORDS_EXPORT_FORMAT = 'steward-records';
export const RECORDS_EXPORT_VERSION = 1;
export const RECORDS_EXPORT_SCHEMA_ID = 'urn:steward:schema:records-export:1';

// ---- schema -----------------------------------------------------------------------------------

const trainingStatus = z.enum([
  'notStarted',
  'inProgress',
  'passed',
  'dueSoon',
  'expired',
  'overdue',
  'updated',
]);
const source = z.enum(['workspace', 'imported']);
const count = z.number().int().min(0);
const reviewPerson = z.object({ id: z.string(), name: z.string(), team: z.string() }).strict();
const attentionItem = z
  .object({
    personId: z.string(),
    name: z.string(),
    team: z.string(),
    modules: z.array(
      z
        .object({
          moduleId: z.string(),
          title: z.string(),
          status: trainingStatus,
          dueAt: z.string().nullable(),
        })
        .strict(),
    ),
  })
  .strict();
const rateRow = z
  .object({ key: z.string(), label: z.string(), required: count, current: count, overdue: count })
  .strict();

export const recordsViewSchema = z
  .object({
    asOf: z.string(),
    scope: z.object({ kind: z.enum(['all', 'teams', 'self']), teams: z.array(z.string()) }).strict(),
    people: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          email: z.string(),
          team: z.string(),
          // Exports made before organisations had no roster: everyone counted as enrolled.
          enrolled: z.boolean().default(true),
          source,
          importedFrom: z.object({ file: z.string(), at: z.string() }).strict().nullable(),
        })
        .strict(),
    ),
    modules: z.array(z.object({ id: z.string(), title: z.string(), version: z.string() }).strict()),
    teams: z.array(z.string()),
    matrix: z.array(
      z
        .object({
          personId: z.string(),
          name: z.string(),
          team: z.string(),
          moduleId: z.string(),
          moduleTitle: z.string(),
          required: z.boolean(),
          status: trainingStatus,
          completedAt: z.string().nullable(),
          completedVersion: z.string().nullable(),
          score: z.number().nullable(),
          expiresAt: z.string().nullable(),
          dueAt: z.string().nullable(),
          attempts: count,
          source,
          entryHash: z.string().nullable(),
        })
        .strict(),
    ),
    overdue: z.array(attentionItem),
    dueSoon: z.array(attentionItem),
    byTeam: z.array(rateRow),
    byModule: z.array(rateRow),
    reviews: z.array(
      z
        .object({
          reviewId: z.string(),
          title: z.string(),
          status: z.enum([
            'submitted',
            'changesRequested',
            'approved',
            'approvedWithConditions',
            'rejected',
            'withdrawn',
            'reReviewDue',
          ]),
          // Absent in exports made before conflicts were shown in the register.
          inConflict: z.boolean().default(false),
          version: z.number().int().min(1),
          submitter: reviewPerson,
          submittedAt: z.string(),
          overallRisk: z.enum(['low', 'medium', 'high']),
          dpiaRequired: z.boolean(),
          decision: z.enum(['approved', 'approvedWithConditions', 'rejected']).nullable(),
          decidedAt: z.string().nullable(),
          reviewer: reviewPerson.nullable(),
          conditions: z.array(
            z
              .object({
                text: z.string(),
                owner: z.string(),
                dueDate: z.string(),
                // Absent in exports made before conditions could be marked met.
                metAt: z.string().nullable().default(null),
              })
              .strict(),
          ),
          reReviewDate: z.string().nullable(),
          daysToDecision: count.nullable(),
          source,
        })
        .strict(),
    ),
    reviewOutcomes: z.array(
      z
        .object({
          month: z.string(),
          approved: count,
          approvedWithConditions: count,
          rejected: count,
          changesRequested: count,
          medianDaysToDecision: z.number().min(0).nullable(),
        })
        .strict(),
    ),
    heads: z.array(headRefSchema),
    ignored: z.array(
      z.preprocess(
        // Exports made before reasons were data held a sentence; it is kept as the reason's text.
        (v) =>
          typeof v === 'string'
            ? {
                type: '',
                personId: '',
                name: '',
                entryHash: '',
                reason: { code: 'records.legacyNote', params: { text: v } },
              }
            : v,
        z
          .object({
            type: z.string(),
            personId: z.string(),
            name: z.string(),
            entryHash: z.string(),
            reason: z
              .object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })
              .strict() as unknown as z.ZodType<Reason>,
          })
          .strict(),
      ),
    ),
  })
  .strict();

// The schema and the contract's RecordsView must describe the same thing: tsc fails here if a
// field is added to one and not the other.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const viewSchemaMatchesContract: Same<z.output<typeof recordsViewSchema>, RecordsView> = true;
void viewSchemaMatchesContract;

const ledgerLinesSchema = z
  .object({
    profileId: z.string(),
    publicKey: z.string().nullable(),
    /** Each line exactly as in the ledger file, without its '\n'. */
    lines: z.array(z.string().min(1)),
  })
  .strict();

export const recordsExportSchema = z
  .object({
    format: z.literal(RECORDS_EXPORT_FORMAT),
    version: z.literal(RECORDS_EXPORT_VERSION),
    exportedAt: z.iso.datetime({ offset: true }),
    exportedBy: z
      .object({ profileId: z.string().min(1), name: z.string() })
      .strict()
      .nullable(),
    pseudonymised: z.boolean(),
    heads: z.array(headRefSchema),
    /**
     * What witnesses showed of the ledgers when the export was made: a ledger cut back, deleted or
     * rewritten after someone saw it, or a false record, each with its file, entry and English
     * words (absent from exports made before witnessing).
     */
    integrity: z
      .array(
        z
          .object({ file: z.string(), seq: z.int().min(1).nullable(), code: z.string(), text: z.string() })
          .strict(),
      )
      .optional(),
    /** Why `ledgers` is empty: a pseudonymised export carries no ledger lines. */
    ledgersOmitted: z.literal('pseudonymised').nullable(),
    view: recordsViewSchema,
    ledgers: z.array(ledgerLinesSchema),
  })
  .strict()
  .superRefine((doc, ctx) => {
    if (doc.pseudonymised !== (doc.ledgersOmitted === 'pseudonymised')) {
      ctx.addIssue({
        code: 'custom',
        path: ['ledgersOmitted'],
        message: 'must be "pseudonymised" exactly when the export is pseudonymised',
      });
    }
    if (doc.pseudonymised && doc.ledgers.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['ledgers'], message: 'must be empty in a pseudonymised export' });
    }
    const heads = new Map(doc.heads.map((h) => [h.profileId, h]));
    doc.ledgers.forEach((l, i) => {
      const head = heads.get(l.profileId);
      if (head === undefined || head.entries !== l.lines.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['ledgers', i, 'lines'],
          message: `holds ${l.lines.length} lines but the heads list ${head?.entries ?? 'no'} entries for ${l.profileId}`,
        });
      }
    });
  })
  .meta({
    title: 'Steward records export',
    description:
      'The full-records JSON export of Steward: the records view, the ledger heads it was made from, and the raw signed ledger lines.',
  });

export type RecordsExport = z.output<typeof recordsExportSchema>;

/** The JSON Schema published at schemas/records-export.schema.json. */
export function recordsExportJsonSchema(): Record<string, unknown> {
  return { $id: RECORDS_EXPORT_SCHEMA_ID, ...z.toJSONSchema(recordsExportSchema) };
}

// ---- reading ------------------------------------------------------------------------------------

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out || '(the whole file)';
}

/** Reads a records export, refusing with a message that names the file and the first bad fields. */
export function parseRecordsExport(text: string, fileName: string): RecordsExport {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new StewardError(
      'INVALID_ARGUMENT',
      `${fileName} is not valid JSON (${(err as Error).message}). Choose a JSON file exported by Steward.`,
    );
  }
  const head = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (head.format !== RECORDS_EXPORT_FORMAT) {
    throw new StewardError(
      'INVALID_ARGUMENT',
      `${fileName} is not a Steward records export: its "format" is ${JSON.stringify(head.format) ?? 'missing'}, not "${RECORDS_EXPORT_FORMAT}". Choose a JSON file exported by Steward.`,
    );
  }
  if (head.version !== RECORDS_EXPORT_VERSION) {
    throw new StewardError(
      'UNSUPPORTED',
      `${fileName} is a records export of version ${JSON.stringify(head.version) ?? '(missing)'}; this Steward reads version ${RECORDS_EXPORT_VERSION}. Update Steward, or export the file again.`,
    );
  }
  const parsed = recordsExportSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const shown = issues.slice(0, 3).map((i) => `${pathText(i.path)}: ${i.message}`);
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more problems)` : '';
    throw new StewardError(
      'INVALID_ARGUMENT',
      `${fileName} is not a valid Steward records export: ${shown.join('; ')}${more}. Export the file again from Steward; do not edit it by hand.`,
    );
  }
  return parsed.data;
}

// ---- writing ------------------------------------------------------------------------------------

/** The line of the ledger file an entry was read from, without its '\n'. */
export function rawLedgerLine(entry: LedgerEntry, profileId: string): string {
  const body = entryBody(entry);
  if (sha256Hex(body) !== entry.hash) {
    // A foreign writer's non-canonical line: its bytes cannot be rebuilt from the decoded entry.
    throw new StewardError(
      'LEDGER_CORRUPT',
      `Entry ${entry.seq} of ledger ${profileId} cannot be rebuilt byte for byte, so its signature would not verify in the export. Run "steward records verify" on the workspace.`,
    );
  }
  return `${body.slice(0, -1)},"hash":"${entry.hash}","sig":"${entry.sig}"}`;
}

/**
 * The ledgers behind `heads`, each cut to the entries its head counts (a ledger that grew since
 * the view was built contributes only what the view saw). Throws when one is missing or changed.
 */
export function ledgersForHeads(
  heads: LedgerHeadRef[],
  ledgers: LedgerRead[],
): { profileId: string; publicKey: string | null; entries: LedgerEntry[] }[] {
  const byId = new Map(ledgers.map((l) => [l.profileId, l]));
  return heads.map((head) => {
    const ledger = byId.get(head.profileId);
    const entries = ledger?.entries.slice(0, head.entries) ?? [];
    const last = entries[entries.length - 1];
    if (ledger === undefined || entries.length !== head.entries || (last?.hash ?? null) !== head.headHash) {
      throw new StewardError(
        'INTERNAL',
        ledger === undefined
          ? `The ledger of ${head.profileId} was not passed to the JSON export although the view was built from it. Refresh the records and export again.`
          : `The ledger of ${head.profileId} no longer matches the view (head ${head.headHash ?? 'none'} at ${head.entries} entries). Refresh the records and export again.`,
      );
    }
    return { profileId: head.profileId, publicKey: ledger.publicKey, entries };
  });
}

export interface RecordsJsonInput {
  /** Already pseudonymised when `pseudonymised` is true. */
  view: RecordsView;
  ledgers: LedgerRead[];
  pseudonymised: boolean;
  exportedAt: string;
  exportedBy: { profileId: string; name: string } | null;
  /** What witnesses show of the ledgers (rollback, deletion, fork), as problems with file and seq. */
  integrity?: readonly IntegrityNote[];
}

/** The view's fields in file order; the Record type makes tsc name any field left out. */
const VIEW_KEYS = Object.keys({
  asOf: 0,
  scope: 0,
  people: 0,
  modules: 0,
  teams: 0,
  matrix: 0,
  overdue: 0,
  dueSoon: 0,
  byTeam: 0,
  byModule: 0,
  reviews: 0,
  reviewOutcomes: 0,
  heads: 0,
  ignored: 0,
} satisfies Record<keyof RecordsView, 0>) as (keyof RecordsView)[];

/** Streams the export to `out` (which it does not end); returns the number of people in it. */
export async function writeRecordsJson(
  out: Writable,
  input: RecordsJsonInput,
  opts: WriteOptions = {},
): Promise<number> {
  const { signal, onProgress } = opts;
  const { view } = input;
  signal?.throwIfAborted();
  const ledgers = input.pseudonymised ? [] : ledgersForHeads(view.heads, input.ledgers);
  let total = ledgers.reduce((n, l) => n + l.entries.length, 0);
  for (const key of VIEW_KEYS) {
    const v = view[key];
    if (Array.isArray(v)) total += v.length;
  }
  let done = 0;
  onProgress?.(0, total);

  /** Writes `items` one per line, CHUNK_ROWS at a time, each turned to text by `toText`. */
  const writeItems = async <T>(items: readonly T[], toText: (item: T) => string): Promise<void> => {
    for (let i = 0; i < items.length; i += CHUNK_ROWS) {
      const part = items.slice(i, i + CHUNK_ROWS).map(toText);
      await writeChunk(out, `${i === 0 ? '\n' : ',\n'}${part.join(',\n')}`);
      done += part.length;
      onProgress?.(done, total);
      await yieldTurn(signal);
    }
  };

  const top = {
    format: RECORDS_EXPORT_FORMAT,
    version: RECORDS_EXPORT_VERSION,
    exportedAt: input.exportedAt,
    exportedBy: input.exportedBy,
    pseudonymised: input.pseudonymised,
    heads: view.heads,
    integrity: input.integrity ?? [],
    ledgersOmitted: input.pseudonymised ? 'pseudonymised' : null,
  };
  await writeChunk(out, `${JSON.stringify(top).slice(0, -1)},\n"view":{`);
  for (const [k, key] of VIEW_KEYS.entries()) {
    const value = view[key];
    await writeChunk(out, `${k === 0 ? '' : ','}\n${JSON.stringify(key)}:`);
    if (Array.isArray(value)) {
      await writeChunk(out, '[');
      await writeItems(value as unknown[], (item) => JSON.stringify(item));
      await writeChunk(out, ']');
    } else {
      await writeChunk(out, JSON.stringify(value));
    }
  }
  await writeChunk(out, '},\n"ledgers":[');
  for (const [k, ledger] of ledgers.entries()) {
    const open = { profileId: ledger.profileId, publicKey: ledger.publicKey };
    await writeChunk(out, `${k === 0 ? '' : ','}\n${JSON.stringify(open).slice(0, -1)},"lines":[`);
    await writeItems(ledger.entries, (e) => JSON.stringify(rawLedgerLine(e, ledger.profileId)));
    await writeChunk(out, ']}');
  }
  await writeChunk(out, ']}\n');
  return view.people.length;
}
