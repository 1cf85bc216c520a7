// The training events: which module, which version of it (the frontmatter's semver and the
// SHA-256 of the file, which is what a completion is bound to), and what happened. Registered
// with the ledger by the app's composition (core/events.ts); their data types join the ledger's
// event map below.
import { z } from 'zod';
import { answerIdSchema, hashSchema, moduleIdSchema } from '../contract/schemas';
import type { EventSchemas } from '../ledger/events';

const percent = z.number().int().min(0).max(100);
const isoTime = z.iso.datetime({ error: 'must be an ISO-8601 UTC time' });
const moduleVersion = {
  moduleId: moduleIdSchema,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: 'must be a version like 1.0.0' }),
  contentHash: hashSchema,
};

export const trainingStartedSchema = z.object(moduleVersion).strict();

export const trainingQuizAttemptedSchema = z
  .object({
    ...moduleVersion,
    attempt: z.number().int().min(1),
    /** question id -> the option ids chosen (questions left unanswered are absent). */
    answers: z.record(answerIdSchema, z.array(answerIdSchema).max(20)),
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
    attemptHash: hashSchema,
  })
  .strict();

export type TrainingStartedData = z.output<typeof trainingStartedSchema>;
export type TrainingQuizAttemptedData = z.output<typeof trainingQuizAttemptedSchema>;
export type TrainingAttestedData = z.output<typeof trainingAttestedSchema>;
export type TrainingCompletedData = z.output<typeof trainingCompletedSchema>;

export interface TrainingEventDataMap {
  'training.started': TrainingStartedData;
  'training.quizAttempted': TrainingQuizAttemptedData;
  'training.attested': TrainingAttestedData;
  'training.completed': TrainingCompletedData;
}

export const trainingEventDataSchemas = {
  'training.started': trainingStartedSchema,
  'training.quizAttempted': trainingQuizAttemptedSchema,
  'training.attested': trainingAttestedSchema,
  'training.completed': trainingCompletedSchema,
} as const satisfies Pick<EventSchemas, keyof TrainingEventDataMap>;

declare module '../ledger/events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds these events to the ledger's map
  interface LedgerEventMap extends TrainingEventDataMap {}
}
