// The zod pieces every boundary shares: the IPC arguments, the ledger events, the settings and the
// content files build their schemas from these, so an id or a day is checked by one rule
// everywhere. Messages are written for the person who typed the value.
import { z } from 'zod';
import { isCalendarDay } from './dates';
import {
  ANSWER_ID_PATTERN,
  CONDITION_ID_PATTERN,
  DRAFT_ID_PATTERN,
  JOB_ID_PATTERN,
  MODULE_ID_PATTERN,
  PROFILE_ID_PATTERN,
  QUESTION_ID_PATTERN,
  REVIEW_ID_PATTERN,
  SHA256_PATTERN,
} from './ids';
import { TRAINING_STATUSES } from './enums';

/** Text a person typed: trimmed, not blank, at most `max` characters. */
export const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

/** A method that takes nothing. */
export const none = z.object({}).strict();

export const profileIdSchema = z.string().regex(PROFILE_ID_PATTERN, { error: 'Not a profile id' });
export const moduleIdSchema = z.string().regex(MODULE_ID_PATTERN, { error: 'Not a module id' });
export const answerIdSchema = z.string().regex(ANSWER_ID_PATTERN, { error: 'Not a question or option id' });
export const reviewIdSchema = z.string().regex(REVIEW_ID_PATTERN, { error: 'Not a review id' });
export const draftIdSchema = z.string().regex(DRAFT_ID_PATTERN, { error: 'Not a draft id' });
export const questionIdSchema = z.string().regex(QUESTION_ID_PATTERN, { error: 'Not a question id' });
export const conditionIdSchema = z.string().regex(CONDITION_ID_PATTERN, { error: 'Not a condition id' });
export const jobIdSchema = z.string().regex(JOB_ID_PATTERN, { error: 'Not a job id' });
export const hashSchema = z.string().regex(SHA256_PATTERN, { error: 'Not a SHA-256 hash' });

/** A calendar day written YYYY-MM-DD (2027-02-30 is refused). */
export const daySchema = (label = 'Date') =>
  z
    .string({ error: `${label} must be text` })
    .refine(isCalendarDay, { error: `${label} must be a calendar date written YYYY-MM-DD` });

export const profileInputSchema = z
  .object({
    name: text('Name', 120),
    email: z
      .string({ error: 'Email must be text' })
      .trim()
      .max(254, { error: 'Email must be at most 254 characters' })
      .pipe(z.email({ error: 'Email must look like name@example.com' })),
    team: text('Team', 80),
  })
  .strict();
export type ProfileInput = z.infer<typeof profileInputSchema>;

/** A new passphrase: at least 8 characters, taken as typed (spaces count; nothing is trimmed). */
export const newPassphraseSchema = z
  .string({ error: 'The passphrase must be text' })
  .min(8, { error: 'A passphrase needs at least 8 characters' })
  .max(1024, { error: 'The passphrase must be at most 1024 characters' })
  .refine((s) => s.trim() !== '', { error: 'A passphrase cannot be only spaces' });
/** A passphrase typed to unlock: judged by whether it opens the key, not by its length. */
export const givenPassphraseSchema = z
  .string({ error: 'The passphrase must be text' })
  .max(1024, { error: 'The passphrase must be at most 1024 characters' })
  .refine((s) => s.trim() !== '', { error: 'Type the passphrase' });

export const recordsFilterSchema = z
  .object({
    teams: z.array(z.string().max(80)).max(500).optional(),
    moduleIds: z.array(moduleIdSchema).max(200).optional(),
    statuses: z.array(z.enum(TRAINING_STATUSES)).max(TRAINING_STATUSES.length).optional(),
    from: daySchema('From').nullable().optional(),
    to: daySchema('To').nullable().optional(),
    search: z.string().max(200).optional(),
  })
  .strict();
