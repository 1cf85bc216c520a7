// The records events: what was exported (so an auditor can see who took which records out, and
// which ledger heads the file was made from) and what was imported from another machine.
import { z } from 'zod';
import { EXPORT_FORMATS } from '../contract/enums';
import { hashSchema, profileIdSchema } from '../contract/schemas';
import type { EventSchemas } from '../ledger/events';

const sha256 = hashSchema;
const profileId = profileIdSchema;
/** A file's base name only: a full path would put this machine's folders into a shared record. */
const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[\\/]/.test(s), { error: 'must be a file name, not a path' });

export const headRefSchema = z
  .object({ profileId, entries: z.number().int().min(0), headHash: sha256.nullable() })
  .strict();

/**
 * What a records.exported entry may name: every export format, a person's own bundle, a manager's
 * calendar of due dates (ics, saved from the Records overview's Remind), one review's record.
 */
export const RECORD_EXPORT_FORMATS = [
  ...EXPORT_FORMATS,
  'bundle',
  'ics',
  'review-record-json',
  'review-record-pdf',
] as const;

export const recordsExportedSchema = z
  .object({
    format: z.enum(RECORD_EXPORT_FORMATS),
    pseudonymised: z.boolean(),
    fileName,
    /** SHA-256 of the file as written. */
    sha256,
    /** Data rows (CSV), statements (xAPI), people (JSON, bundle) or pages' worth of items (PDF). */
    rows: z.number().int().min(0),
    /** The ledgers the file was made from, with their heads at the time. */
    heads: z.array(headRefSchema).max(100_000),
    /** The dashboard filter applied, when the export was filtered. */
    filter: z.record(z.string(), z.unknown()).optional(),
    /**
     * A file written with this one: a CSV export's ledger heads (`<name>.heads.csv`), by base
     * name and SHA-256, so this signed entry vouches for both files.
     */
    companion: z.object({ fileName, sha256 }).strict().optional(),
  })
  .strict();
export type RecordsExportedData = z.output<typeof recordsExportedSchema>;

export const recordsImportedSchema = z
  .object({
    kind: z.enum(['bundle', 'json']),
    fileName,
    sha256,
    profiles: z
      .array(
        z
          .object({
            profileId,
            entries: z.number().int().min(0),
            headHash: sha256.nullable(),
            status: z.enum(['added', 'extended', 'unchanged']),
          })
          .strict(),
      )
      .max(100_000),
  })
  .strict();
export type RecordsImportedData = z.output<typeof recordsImportedSchema>;

export interface RecordsEventDataMap {
  'records.exported': RecordsExportedData;
  'records.imported': RecordsImportedData;
}

export const recordsEventDataSchemas = {
  'records.exported': recordsExportedSchema,
  'records.imported': recordsImportedSchema,
} as const satisfies Pick<EventSchemas, keyof RecordsEventDataMap>;

declare module '../ledger/events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds these events to the ledger's map
  interface LedgerEventMap extends RecordsEventDataMap {}
}
