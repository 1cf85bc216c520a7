// What an insider with their own key can write: any valid entry, signed, straight into their own
// ledger, without going through the services' rules. Shared by the core, renderer and e2e tests
// that play them. The services must not hold that ledger's lock (switch to another profile first).
import path from 'node:path';
import { openLedger, readWorkspace } from '../../electron/core/ledger';
import type { EventData, EventType, LedgerEntry } from '../../electron/core/ledger';
import { openStewardWorkspace, stewardWorkspace } from '../../electron/core/events';
import { fileOnlyProtector, loadKey } from '../../electron/core/profiles/keystore';

/** Appends one entry to `profileId`'s ledger with its own (file-protected) key from `<userDataDir>/keys`. */
export async function appendAsOwner<T extends EventType>(
  userDataDir: string,
  workspaceDir: string,
  profileId: string,
  type: T,
  data: EventData<T>,
  now?: () => Date,
): Promise<LedgerEntry> {
  const key = loadKey(path.join(userDataDir, 'keys'), fileOnlyProtector, profileId);
  const ledger = await openLedger(await openStewardWorkspace(workspaceDir), profileId, key.privateKeyPem, {
    ...(now ? { now } : {}),
  });
  try {
    return await ledger.append(type, data);
  } finally {
    await ledger.close();
  }
}

/** The review.submitted entry of a review's first version, as read from the workspace. */
export async function submissionOf(workspaceDir: string, reviewId: string): Promise<LedgerEntry> {
  const { ledgers } = await readWorkspace(stewardWorkspace(workspaceDir), { depth: 'quick' });
  const found = ledgers
    .flatMap((l) => l.entries)
    .find((e) => e.type === 'review.submitted' && (e.data as { reviewId: string }).reviewId === reviewId);
  if (!found) throw new Error(`no submission of ${reviewId} in ${workspaceDir}`);
  return found;
}

/** A withdrawal that did not see what followed the submission (its `after` is the submission). */
export async function withdrawBehindTheReviewersBack(
  userDataDir: string,
  workspaceDir: string,
  submitterId: string,
  reviewId: string,
): Promise<void> {
  const submitted = await submissionOf(workspaceDir, reviewId);
  await appendAsOwner(userDataDir, workspaceDir, submitterId, 'review.withdrawn', {
    reviewId,
    version: 1,
    reason: 'Changed my mind',
    after: submitted.hash,
    submission: submitted.hash,
  });
}
