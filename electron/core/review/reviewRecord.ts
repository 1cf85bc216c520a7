// One review as a record a DPO can hand to a supervisory authority, and anyone can check with
// `steward review check`: everything the review is (answers with their wording, the screening
// with its reasons, inherent and residual risk, mitigations with owners, the DPIA or its
// exemption, the decision, its conditions and their status, who signed what) together with what
// proves it — every signed ledger entry of the review, the signers' genesis entries (their keys),
// and the questionnaire files the answers were given on.
//
//   { format: 'steward-review-record', version: 1, reviewId, exportedAt, exportedBy,
//     questionnaires: [{ contentHash, files: [{ path, text }] }],
//     signers: [{ profileId, line }],       each one's genesis line (profile.created: name, key)
//     entries: [line, ...],                 the review's entries the workflow applied, as written
//     view: { ... },                        what the record says, for people and for the PDF
//     signature }                           Ed25519 by the exporter over SHA-256 of the rest
//
// Checking trusts none of the readable parts: each line's hash and signature are checked with the
// key of the profile it names (profile ids are derived from keys), the questionnaire files must
// hash to what the assessments recorded, the review is projected again from the entries (every
// submission re-assessed with its own questionnaire), and the view must be exactly what that
// gives. Editing the view, an entry, a key or a questionnaire file is refused; so is re-signing
// with another key unless the signers change too, which then show as other people (and, with
// the workspace at hand, as keys the workspace does not know).
import { hash as oneShotHash } from 'node:crypto';
import { z } from 'zod';
import { StewardError } from '../errors';
import { canonicalJson } from '../ledger/canonical';
import { decodeLine, entryBody, sha256Hex, verifyEntrySignature } from '../ledger/entry';
import type { LedgerEntry } from '../ledger/entry';
import type { EventRegistry } from '../ledger/events';
import { profileCreatedSchema } from '../ledger/events';
import { fingerprintOf, profileIdFor, signDigest, verifyDigest } from '../ledger/keys';
import type { LedgerRead } from '../ledger/scan';
import { formatAnswer, visibleQuestions } from './answers';
import { dpiaStanding } from './transitions';
import type { ReviewAssessment } from './model';
import { indexQuestionnaire, parseQuestionnaire } from './questionnaire';
import type { Questionnaire } from './questionnaire';
import { projectReviews } from './workflow';
import type { ReviewEventInput, ReviewState, ReviewStatus } from './workflow';

export const REVIEW_RECORD_FORMAT = 'steward-review-record';
export const REVIEW_RECORD_VERSION = 1;
export const REVIEW_RECORD_EXTENSION = '.review.json';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const reviewRecordFileSchema = z
  .object({
    format: z.literal(REVIEW_RECORD_FORMAT),
    version: z.literal(REVIEW_RECORD_VERSION),
    reviewId: z.string().min(1).max(64),
    exportedAt: z.iso.datetime(),
    exportedBy: z.string().min(1).max(64),
    questionnaires: z.array(
      z
        .object({
          contentHash: sha256,
          files: z.array(z.object({ path: z.string().min(1).max(300), text: z.string() }).strict()).min(1),
        })
        .strict(),
    ),
    signers: z
      .array(z.object({ profileId: z.string().min(1).max(64), line: z.string().min(1) }).strict())
      .min(1),
    entries: z.array(z.string().min(1)).min(1),
    view: z.unknown(),
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  })
  .strict();
export type ReviewRecordFile = z.output<typeof reviewRecordFileSchema>;

export interface RecordPerson {
  id: string;
  name: string;
  team: string;
  email: string;
  fingerprint: string;
}

/** What the record says: everything a reader needs, nothing that depends on when it is read. */
export interface ReviewRecordView {
  reviewId: string;
  title: string;
  status: ReviewStatus;
  submitter: RecordPerson;
  /** The questionnaire the latest version was answered on. */
  questionnaire: { version: string; contentHash: string; format: 1 | 2 };
  /** The latest version's answers, with the wording they were given on, in questionnaire order. */
  answers: { section: string; dpia: boolean; questionId: string; label: string; answer: string }[];
  /** The latest version's assessment (screening, DPIA, risk, flags, mitigations), re-checked. */
  assessment: ReviewAssessment;
  dpia: { standing: 'notNeeded' | 'done' | 'exempted' | 'open' };
  decision: {
    decision: string;
    version: number;
    by: string;
    at: string;
    rationale: string;
    reReviewDate: string | null;
    dpoAdvice: { followed: boolean; reason?: string } | null;
  } | null;
  conditions: {
    id: string;
    text: string;
    owner: string;
    dueDate: string;
    met: { by: string; at: string; note: string } | null;
  }[];
  exemptions: {
    version: number;
    basis: string;
    reason: string;
    reference: string;
    dpoView: string;
    by: string;
    at: string;
  }[];
  changeRequests: {
    version: number;
    by: string;
    at: string;
    rationale: string;
    requestedChanges: string[];
  }[];
  comments: { version: number; by: string; at: string; text: string }[];
  withdrawal: { by: string; at: string; reason: string } | null;
  /** Who signed what, in order: every entry of the review. */
  signed: { type: string; version: number; by: string; at: string; entryHash: string }[];
  /** The people named above, by profile id. */
  people: RecordPerson[];
}

/** The line of the ledger file an entry was read from, without its '\n'. */
function lineOf(entry: LedgerEntry): string {
  const body = entryBody(entry);
  if (sha256Hex(body) !== entry.hash) {
    throw new StewardError(
      'LEDGER_CORRUPT',
      `Entry ${entry.seq} of ${entry.actor} cannot be rebuilt byte for byte, so its signature would not verify in the record. Run "steward records verify" on the workspace.`,
    );
  }
  return `${body.slice(0, -1)},"hash":"${entry.hash}","sig":"${entry.sig}"}`;
}

function personOf(people: ReadonlyMap<string, RecordPerson>, id: string): RecordPerson {
  return people.get(id) ?? { id, name: 'Unknown person', team: '', email: '', fingerprint: '' };
}

/** The view of a review's projected state, with the questionnaire its latest version was answered on. */
export function reviewRecordView(
  state: ReviewState,
  people: ReadonlyMap<string, RecordPerson>,
  byHash: (hash: string) => Questionnaire | undefined,
): ReviewRecordView {
  const latest = state.versions[state.versions.length - 1]!;
  const recorded = latest.assessment.questionnaire;
  const q = byHash(recorded.contentHash);
  const index = q ? indexQuestionnaire(q) : null;
  const answers = q
    ? visibleQuestions(q, latest.answers).flatMap((question) => {
        const value = latest.answers[question.id];
        if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') return [];
        const section = index?.byId.get(question.id)?.section;
        return [
          {
            section: section?.title ?? '',
            dpia: section?.part === 'dpia',
            questionId: question.id,
            label: question.label,
            answer: formatAnswer(question, value),
          },
        ];
      })
    : [];
  const named = new Set<string>([state.submitter]);
  const by = (id: string): string => {
    named.add(id);
    return id;
  };
  const signed = [
    ...state.versions.map((v) => ({
      type: 'review.submitted',
      version: v.version,
      by: by(v.actor),
      at: v.ts,
      entryHash: v.hash,
    })),
    ...state.comments.map((c) => ({
      type: 'review.commented',
      version: c.version,
      by: by(c.actor),
      at: c.ts,
      entryHash: c.hash,
    })),
    ...state.changeRequests.map((c) => ({
      type: 'review.changesRequested',
      version: c.version,
      by: by(c.actor),
      at: c.ts,
      entryHash: c.hash,
    })),
    ...state.exemptions.map((e) => ({
      type: 'review.dpiaExempted',
      version: e.version,
      by: by(e.actor),
      at: e.ts,
      entryHash: e.hash,
    })),
    ...(state.decision
      ? [
          {
            type: 'review.decided',
            version: state.decision.version,
            by: by(state.decision.actor),
            at: state.decision.ts,
            entryHash: state.decision.hash,
          },
        ]
      : []),
    ...state.conditionsMet.map((m) => ({
      type: 'review.conditionMet',
      version: state.decision?.version ?? state.version,
      by: by(m.actor),
      at: m.ts,
      entryHash: m.hash,
    })),
    ...(state.withdrawal
      ? [
          {
            type: 'review.withdrawn',
            version: state.withdrawal.version,
            by: by(state.withdrawal.actor),
            at: state.withdrawal.ts,
            entryHash: state.withdrawal.hash,
          },
        ]
      : []),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.entryHash < b.entryHash ? -1 : 1));
  const decision = state.decision;
  return {
    reviewId: state.reviewId,
    title: state.title,
    status: state.status,
    submitter: personOf(people, state.submitter),
    questionnaire: {
      version: recorded.version,
      contentHash: recorded.contentHash,
      format: latest.assessment.format ?? 1,
    },
    answers,
    assessment: latest.assessment,
    dpia: { standing: dpiaStanding(state, latest) },
    decision: decision
      ? {
          decision: decision.decision,
          version: decision.version,
          by: decision.actor,
          at: decision.ts,
          rationale: decision.rationale,
          reReviewDate: decision.reReviewDate,
          dpoAdvice: decision.dpoAdvice,
        }
      : null,
    conditions: (decision?.conditions ?? []).map((c) => {
      const met = state.conditionsMet.find((m) => m.conditionId === c.id);
      return { ...c, met: met ? { by: met.actor, at: met.ts, note: met.note } : null };
    }),
    exemptions: state.exemptions.map((e) => ({
      version: e.version,
      basis: e.basis,
      reason: e.reason,
      reference: e.reference,
      dpoView: e.dpoView,
      by: e.actor,
      at: e.ts,
    })),
    changeRequests: state.changeRequests.map((c) => ({
      version: c.version,
      by: c.actor,
      at: c.ts,
      rationale: c.rationale,
      requestedChanges: c.requestedChanges,
    })),
    comments: state.comments.map((c) => ({ version: c.version, by: c.actor, at: c.ts, text: c.text })),
    withdrawal: state.withdrawal
      ? { by: state.withdrawal.actor, at: state.withdrawal.ts, reason: state.withdrawal.reason }
      : null,
    signed,
    people: [...named].sort().map((id) => personOf(people, id)),
  };
}

/** The review projected from its entries alone (roles assumed: these are entries the workspace applied). */
function viewFromEntries(
  reviewId: string,
  inputs: readonly ReviewEventInput[],
  questionnaires: readonly Questionnaire[],
  people: ReadonlyMap<string, RecordPerson>,
): ReviewRecordView {
  const { reviews } = projectReviews(inputs, { questionnaires });
  const state = reviews.find((r) => r.reviewId === reviewId);
  if (!state)
    throw new StewardError('INTERNAL', `The entries of review ${reviewId} do not make up the review.`);
  return reviewRecordView(state, people, (h) => questionnaires.find((q) => q.contentHash === h));
}

/** What the record's signature covers: SHA-256 of the canonical JSON of everything but the signature. */
export function recordDigest(record: Omit<ReviewRecordFile, 'signature'>): Buffer {
  const { ...rest } = record as Record<string, unknown>;
  delete rest.signature;
  return oneShotHash('sha256', canonicalJson(rest), 'buffer');
}

export interface BuildRecordInput {
  reviewId: string;
  /** The workspace's ledgers (quick depth is enough: the checker verifies every line). */
  ledgers: readonly LedgerRead[];
  /** The review's state as the workspace projects it (only entries it applied go in). */
  state: ReviewState;
  /** Every questionnaire kept, current and earlier. */
  byHash: (hash: string) => Questionnaire | undefined;
  exporter: { profileId: string; privateKeyPem: string };
  exportedAt: string;
}

/** The signed record of one review, as an object ready for JSON. */
/** The hashes of every entry the workflow applied to this review. */
export function appliedHashes(state: ReviewState): string[] {
  return [
    ...state.versions.map((v) => v.hash),
    ...state.comments.map((c) => c.hash),
    ...state.changeRequests.map((c) => c.hash),
    ...state.exemptions.map((e) => e.hash),
    ...state.conditionsMet.map((m) => m.hash),
    ...(state.decision ? [state.decision.hash] : []),
    ...(state.withdrawal ? [state.withdrawal.hash] : []),
  ];
}

export function buildReviewRecord(input: BuildRecordInput): ReviewRecordFile {
  const { state, ledgers } = input;
  const byLedger = new Map(ledgers.map((l) => [l.profileId, l]));
  const applied = new Set<string>(appliedHashes(state));
  const entries: LedgerEntry[] = [];
  for (const l of ledgers) for (const e of l.entries) if (applied.has(e.hash)) entries.push(e);
  entries.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts) || (a.hash < b.hash ? -1 : 1));

  const signerIds = [...new Set([...entries.map((e) => e.actor), input.exporter.profileId])].sort();
  const people = new Map<string, RecordPerson>();
  const signers = signerIds.map((id) => {
    const genesis = byLedger.get(id)?.entries[0];
    if (!genesis || genesis.type !== 'profile.created') {
      throw new StewardError(
        'LEDGER_CORRUPT',
        `The ledger of ${id} has no genesis entry: its key cannot go into the record.`,
      );
    }
    const data = genesis.data;
    people.set(id, {
      id,
      name: data.name,
      team: data.team,
      email: data.email,
      fingerprint: fingerprintOf(data.publicKey),
    });
    return { profileId: id, line: lineOf(genesis) };
  });

  const hashes = [...new Set(state.versions.map((v) => v.assessment.questionnaire.contentHash))];
  const kept = hashes.flatMap((h) => {
    const q = input.byHash(h);
    return q ? [q] : [];
  });
  const questionnaires = kept.map((q) => ({ contentHash: q.contentHash, files: q.files }));
  // The view is made exactly as the checker will make it: from these entries alone.
  const view = viewFromEntries(
    input.reviewId,
    entries.map((e) => ({ type: e.type, actor: e.actor, ts: e.ts, hash: e.hash, data: e.data })),
    kept,
    people,
  );

  const unsigned = {
    format: REVIEW_RECORD_FORMAT,
    version: REVIEW_RECORD_VERSION,
    reviewId: input.reviewId,
    exportedAt: input.exportedAt,
    exportedBy: input.exporter.profileId,
    questionnaires,
    signers,
    entries: entries.map(lineOf),
    view,
  } as const;
  return { ...unsigned, signature: signDigest(recordDigest(unsigned), input.exporter.privateKeyPem) };
}

// ---- checking ----------------------------------------------------------------------------------

export interface RecordCheck {
  ok: boolean;
  /** What makes the record untrustworthy; empty when ok. */
  problems: string[];
  /** Facts the reader should compare with what they know (keys, exporter, digest). */
  reviewId: string | null;
  title: string | null;
  status: string | null;
  exportedAt: string | null;
  exportedBy: { profileId: string; name: string; fingerprint: string } | null;
  signers: { profileId: string; name: string; email: string; fingerprint: string }[];
  entries: number;
  /** SHA-256 of the signed content, as the PDF prints it. */
  digest: string | null;
}

/** The ledger entries a workspace holds for one review, for the completeness check. */
export interface WorkspaceEvidence {
  /** Public keys of the workspace's profiles, by profile id. */
  keys: ReadonlyMap<string, string>;
  /** Hashes of the entries the workspace applied for this review, with their time and type. */
  applied: readonly { hash: string; ts: string; type: string }[];
}

/**
 * Checks a record's text. `events` is the app's event registry (every entry's data is validated
 * against it); `workspace`, when given, is what the workspace holds for the review.
 */
export function checkReviewRecord(
  text: string,
  events: EventRegistry,
  workspace?: WorkspaceEvidence,
): RecordCheck {
  const result: RecordCheck = {
    ok: false,
    problems: [],
    reviewId: null,
    title: null,
    status: null,
    exportedAt: null,
    exportedBy: null,
    signers: [],
    entries: 0,
    digest: null,
  };
  const fail = (problem: string): RecordCheck => {
    result.problems.push(problem);
    return result;
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  const parsed = reviewRecordFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      `not a Steward review record (version ${REVIEW_RECORD_VERSION}): ${issue ? `${issue.path.join('.') || '(file)'}: ${issue.message}` : 'unreadable'}`,
    );
  }
  const record = parsed.data;
  result.reviewId = record.reviewId;
  result.exportedAt = record.exportedAt;
  result.entries = record.entries.length;
  result.digest = recordDigest(record).toString('hex');

  // The signers: each genesis line must be intact and self-signed, and its profile id the key's.
  const keys = new Map<string, string>();
  const people = new Map<string, RecordPerson>();
  for (const signer of record.signers) {
    const decoded = decodeLine(signer.line, events);
    if (!decoded.ok || decoded.entry.type !== 'profile.created') {
      result.problems.push(`the key of ${signer.profileId} is not an intact profile entry`);
      continue;
    }
    const data = profileCreatedSchema.parse(decoded.entry.data);
    if (
      !verifyEntrySignature(decoded.entry, data.publicKey) ||
      profileIdFor(data.publicKey) !== signer.profileId
    ) {
      result.problems.push(`the key of ${signer.profileId} does not belong to that profile`);
      continue;
    }
    if (workspace && workspace.keys.get(signer.profileId) !== data.publicKey) {
      result.problems.push(
        `${signer.profileId} (${data.name}) signs with a key the workspace does not know for that profile`,
      );
    }
    keys.set(signer.profileId, data.publicKey);
    const fingerprint = fingerprintOf(data.publicKey);
    people.set(signer.profileId, {
      id: signer.profileId,
      name: data.name,
      team: data.team,
      email: data.email,
      fingerprint,
    });
    result.signers.push({ profileId: signer.profileId, name: data.name, email: data.email, fingerprint });
  }

  // The exporter's signature over everything else.
  const exporterKey = keys.get(record.exportedBy);
  if (!exporterKey) result.problems.push(`the exporter ${record.exportedBy} is not among the signers`);
  else {
    const person = people.get(record.exportedBy)!;
    result.exportedBy = { profileId: person.id, name: person.name, fingerprint: person.fingerprint };
    if (!verifyDigest(recordDigest(record), record.signature, exporterKey)) {
      result.problems.push(
        `the exporter's signature does not match the record: it was changed after it was exported`,
      );
    }
  }

  // Every entry: intact, signed by the profile it names, about this review.
  const inputs: ReviewEventInput[] = [];
  record.entries.forEach((line, i) => {
    const decoded = decodeLine(line, events);
    if (!decoded.ok) {
      result.problems.push(
        `entry ${i + 1} is not an intact ledger entry (its hash does not match what it says)`,
      );
      return;
    }
    const e = decoded.entry;
    const key = keys.get(e.actor);
    if (!key || !verifyEntrySignature(e, key)) {
      result.problems.push(`entry ${i + 1} (${e.type}) is not signed by ${e.actor}`);
      return;
    }
    if (!e.type.startsWith('review.') || (e.data as { reviewId?: unknown }).reviewId !== record.reviewId) {
      result.problems.push(`entry ${i + 1} (${e.type}) is not about review ${record.reviewId}`);
      return;
    }
    inputs.push({ type: e.type, actor: e.actor, ts: e.ts, hash: e.hash, data: e.data });
  });

  // The questionnaires: each must hash to what it claims.
  const questionnaires: Questionnaire[] = [];
  for (const q of record.questionnaires) {
    const main = q.files[0]!;
    const files = new Map(q.files.map((f) => [f.path, Buffer.from(f.text, 'utf8')]));
    const dir = main.path.split('/').slice(0, -1).join('/');
    const loaded = parseQuestionnaire(files.get(main.path)!, main.path, (rel) => files.get(rel) ?? null, dir);
    if (!loaded.questionnaire || loaded.questionnaire.contentHash !== q.contentHash) {
      result.problems.push(`the questionnaire ${main.path} is not the one the review was answered on`);
      continue;
    }
    questionnaires.push(loaded.questionnaire);
  }

  // The review again, from the entries alone; every submission re-assessed with its questionnaire.
  const { reviews, ignored } = projectReviews(inputs, { questionnaires });
  for (const i of ignored)
    result.problems.push(`entry ${i.hash.slice(0, 12)} (${i.type}) breaks the workflow: ${i.reason.code}`);
  const state = reviews.find((r) => r.reviewId === record.reviewId);
  if (!state) return fail('the entries do not make up the review');
  for (const v of state.versions) {
    if (!questionnaires.some((q) => q.contentHash === v.assessment.questionnaire.contentHash)) {
      result.problems.push(
        `version ${v.version} was answered on a questionnaire the record does not carry: its assessment cannot be re-checked`,
      );
    }
  }
  const view = reviewRecordView(state, people, (h) => questionnaires.find((q) => q.contentHash === h));
  result.title = view.title;
  result.status = view.status;
  if (canonicalJson(view) !== canonicalJson(record.view)) {
    result.problems.push('what the record says does not match its signed entries');
  }

  // With the workspace: nothing the workspace applied before the export is missing from the record.
  if (workspace) {
    const inRecord = new Set(inputs.map((e) => e.hash));
    const exportedAt = Date.parse(record.exportedAt);
    for (const e of workspace.applied) {
      if (!inRecord.has(e.hash) && Date.parse(e.ts) <= exportedAt) {
        result.problems.push(
          `the workspace has an entry of this review from ${e.ts} (${e.type}) that the record leaves out`,
        );
      }
    }
  }
  result.ok = result.problems.length === 0;
  return result;
}
