// The event types a ledger may hold and the schema of each event's `data`, each strict: a
// profile, training, review or records event whose data does not match is not trusted.
import { z } from 'zod';
import { recordsEventDataSchemas } from '../records/events';
import { reviewEventDataSchemas } from '../review/events';
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
  'review.conditionMet',
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

// Training events: which module, which version of it (the frontmatter's semver and the SHA-256
// of the file, which is what a completion is bound to), and what happened.
const trainingModuleId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, { error: 'must be a module id' });
const answerId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'must be a question or option id' });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 hash (64 hex characters)' });
const percent = z.number().int().min(0).max(100);
const isoTime = z.iso.datetime({ error: 'must be an ISO-8601 UTC time' });
const moduleVersion = {
  moduleId: trainingModuleId,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: 'must be a version like 1.0.0' }),
  contentHash: sha256,
};

export const trainingStartedSchema = z.object(moduleVersion).strict();

export const trainingQuizAttemptedSchema = z
  .object({
    ...moduleVersion,
    attempt: z.number().int().min(1),
    /** question id -> the option ids chosen (questions left unanswered are absent). */
    answers: z.record(answerId, z.array(answerId).max(20)),
    score: percent,
    correctCount: z.number().int().min(0),
    total: z.number().int().min(1),
    passMark: z.number().int().min(1).max(100),
    passed: z.boolean(),
  })
  .strict();

export const trainingAttestedSchema = z
  .object({ ...moduleVersion, statement: z.string().min(1).max(2000) })
  .strict();

export const trainingCompletedSchema = z
  .object({
    ...moduleVersion,
    score: percent,
    passMark: z.number().int().min(1).max(100),
    completedAt: isoTime,
    expiresAt: isoTime,
    /** Hash of the passed training.quizAttempted entry this completion rests on. */
    attemptHash: sha256,
  })
  .strict();

export const eventDataSchemas = {
  'profile.created': profileCreatedSchema,
  'training.started': trainingStartedSchema,
  'training.quizAttempted': trainingQuizAttemptedSchema,
  'training.attested': trainingAttestedSchema,
  'training.completed': trainingCompletedSchema,
  ...reviewEventDataSchemas,
  ...recordsEventDataSchemas,
} as const satisfies Record<EventType, z.ZodType>;

export type EventData<T extends EventType> = z.output<(typeof eventDataSchemas)[T]>;
export type ProfileCreatedData = EventData<'profile.created'>;
export type TrainingStartedData = EventData<'training.started'>;
export type TrainingQuizAttemptedData = EventData<'training.quizAttempted'>;
export type TrainingAttestedData = EventData<'training.attested'>;
export type TrainingCompletedData = EventData<'training.completed'>;

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
