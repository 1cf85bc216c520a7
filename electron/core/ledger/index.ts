// The ledger's public API: append-only, hash-linked, signed JSONL files, one per profile, in a
// workspace folder. See docs in each module; ARCHITECTURE.md "Data: the workspace and its ledgers".
export { canonicalJson, CanonicalJsonError } from './canonical';
export {
  fingerprintOf,
  generateProfileKeys,
  PROFILE_ID_PATTERN,
  profileIdFor,
  publicKeyOf,
  signDigest,
  verifyDigest,
} from './keys';
export type { ProfileKeys } from './keys';
export { createEventRegistry, profileCreatedSchema } from './events';
export type {
  EventData,
  EventRegistry,
  EventSchemas,
  EventType,
  LedgerEventMap,
  ProfileCreatedData,
} from './events';
export {
  decodeLine,
  decodeLineBytes,
  encodeEntry,
  entryBody,
  GENESIS_PREV,
  sha256Hex,
  SUFFIX_LENGTH,
  verifyEntrySignature,
} from './entry';
export type { DecodeResult, LedgerEntry, LedgerEntryOf, UnsignedEntry } from './entry';
export { acquireLock, pidAlive, readLock } from './lock';
export type { LockHandle, LockInfo } from './lock';
export { createLedger, openLedger } from './ledger';
export type {
  CreateOptions,
  CreateStep,
  Ledger,
  LedgerHead,
  LedgerOptions,
  LocalHeadStore,
  ReadOnlyState,
} from './ledger';
export { ledgerRelPath, openWorkspace, workspacePaths } from './workspace';
export type { Workspace } from './workspace';
export { allEntriesInOrder } from './merge';
export { entryCount, INCOMPLETE_TAIL_REASON } from './scan';
export { signatureThreads } from './signatures';
export { listLedgerIds, readLedgerFile, readWorkspace, verifyWorkspace } from './verify';
export type { LedgerRead } from './scan';
export type { ReadOptions } from './signatures';
export type { LedgerHeadRef, LedgerSummary, VerifyDepth, VerifyProblem, VerifyReport } from './report';
export { createWorkspaceReader } from './reader';
export { memoryVerifiedHeads, openVerifiedHeads, verificationRules } from './verifiedHeads';
export type { VerifiedHead, VerifiedHeads } from './verifiedHeads';
export type { WorkspaceReader } from './reader';
