// The event types a ledger may hold and the schema of each event's `data`. `profile.created`
// is strict (verification relies on its public key); the others are permissive objects for now
// and will be tightened as the features that write them land.
import { z } from 'zod';
import { StewardError } from '../errors';

export const EVENT_TYPES = [
  'profile.created',
  'training.started',
  'training.quizAttempted',
  'training.attested',
  'training.completed',
  'review.submitted',
  'review.commented',
  'review.changesRequested',
  'review.decided',
  'review.withdrawn',
  'records.exported',
  'records.imported',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const profileCreatedSchema = z
  .object({
    name: z.string().min(1),
    email: z.string(),
    team: z.string(),
    publicKey: z
      .string()
      .regex(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/, { error: 'must be a base64 Ed25519 public key' }),
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/, { error: 'must be 8 groups of 4 hex characters' }),
  })
  .strict();

const openObject = z.record(z.string(), z.unknown());

export const eventDataSchemas = {
  'profile.created': profileCreatedSchema,
  'training.started': openObject,
  'training.quizAttempted': openObject,
  'training.attested': openObject,
  'training.completed': openObject,
  'review.submitted': openObject,
  'review.commented': openObject,
  'review.changesRequested': openObject,
  'review.decided': openObject,
  'review.withdrawn': openObject,
  'records.exported': openObject,
  'records.imported': openObject,
} as const satisfies Record<EventType, z.ZodType>;

export type EventData<T extends EventType> = z.output<(typeof eventDataSchemas)[T]>;
export type ProfileCreatedData = EventData<'profile.created'>;

const typeSet: ReadonlySet<string> = new Set(EVENT_TYPES);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && typeSet.has(value);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(data)';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Checks `data` against the schema of `type`. Returns the problem as a sentence naming the
 * event type and field, or null when the data is valid.
 */
export function checkEventData(type: string, data: unknown): string | null {
  if (!isEventType(type)) return `Unknown event type "${type}".`;
  const result = eventDataSchemas[type].safeParse(data);
  return result.success ? null : `Invalid data for "${type}": ${describeIssues(result.error)}`;
}

/** Validates and returns the parsed data; throws StewardError('INVALID_ARGUMENT') naming type and field. */
export function parseEventData<T extends EventType>(type: T, data: unknown): EventData<T> {
  if (!isEventType(type)) {
    throw new StewardError('INVALID_ARGUMENT', `Unknown event type "${String(type)}".`);
  }
  const result = eventDataSchemas[type].safeParse(data);
  if (!result.success) {
    throw new StewardError('INVALID_ARGUMENT', `Invalid data for "${type}": ${describeIssues(result.error)}`);
  }
  return result.data as EventData<T>;
}
