// <userDataDir>/lrs.json: the LRS settings, the protected secret and the outbox bookkeeping
// (which statement ids the LRS acknowledged or refused). Local to this machine, never in the
// workspace: the secret is a credential. Written atomically (temp + fsync + rename), mode 0600.
// A damaged file is moved aside, never silently replaced, and the person is told.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const LRS_STATE_FILE = 'lrs.json';

const isoTime = z.iso.datetime();
const nullableTime = isoTime.nullable();

const lrsStateSchema = z
  .object({
    version: z.literal(1),
    endpoint: z.string(),
    key: z.string(),
    enabled: z.boolean(),
    /** The secret as returned by SecretProtector.protect, base64, and which protector made it. */
    secret: z
      .object({ protection: z.enum(['os', 'file']), value: z.string().min(1) })
      .strict()
      .nullable(),
    /** Statement ids this endpoint + key acknowledged (200, or 409: it already holds that id). */
    sent: z.array(z.string()),
    /** Statements this endpoint refused as invalid (400): retrying cannot help. */
    refused: z.array(z.object({ statementId: z.string(), reason: z.string() }).strict()),
    /** Consecutive failed attempts (drives the backoff). */
    failures: z.number().int().min(0),
    lastAttemptAt: nullableTime,
    lastSentAt: nullableTime,
    nextAttemptAt: nullableTime,
    lastError: z.string().nullable(),
  })
  .strict();

export type LrsState = z.infer<typeof lrsStateSchema>;

export function emptyLrsState(): LrsState {
  return {
    version: 1,
    endpoint: '',
    key: '',
    enabled: false,
    secret: null,
    sent: [],
    refused: [],
    failures: 0,
    lastAttemptAt: null,
    lastSentAt: null,
    nextAttemptAt: null,
    lastError: null,
  };
}

export function lrsStatePath(userDataDir: string): string {
  return path.join(userDataDir, LRS_STATE_FILE);
}

/**
 * Reads the state. Missing file: empty state. Unreadable or invalid file: renamed to
 * `lrs.json.corrupt-<time>` and an empty state returned whose lastError says where it went.
 */
export function readLrsState(userDataDir: string, now: Date): LrsState {
  const file = lrsStatePath(userDataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyLrsState();
    return moveAside(file, now, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return moveAside(file, now, 'it is not valid JSON');
  }
  const parsed = lrsStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(file)';
    return moveAside(file, now, `its field ${where} is invalid`);
  }
  return parsed.data;
}

function moveAside(file: string, now: Date, why: string): LrsState {
  const aside = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  const state = emptyLrsState();
  try {
    fs.renameSync(file, aside);
    state.lastError = `The LRS settings file ${file} was damaged (${why}); it was moved aside to ${aside}. Enter the LRS endpoint, key and secret again in Settings. Statements may be sent again, which is harmless: their ids are fixed, so the LRS keeps one copy.`;
  } catch (error) {
    state.lastError = `The LRS settings file ${file} is damaged (${why}) and could not be moved aside (${(error as NodeJS.ErrnoException).code ?? String(error)}). Move or delete it, then enter the LRS settings again.`;
  }
  return state;
}

/** Writes the state atomically: temp file (0600) + fsync + rename, then fsync of the folder. */
export function writeLrsState(userDataDir: string, state: LrsState): void {
  fs.mkdirSync(userDataDir, { recursive: true, mode: 0o700 });
  const file = lrsStatePath(userDataDir);
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // a leftover temp file from a crash keeps its old mode otherwise
    fs.writeSync(fd, `${JSON.stringify(state)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  // The rename is durable only once the folder is synced; not every platform allows it (Windows).
  try {
    const dirFd = fs.openSync(userDataDir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // Best effort.
  }
}
