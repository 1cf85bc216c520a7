// The app's event registry: every feature's ledger events, given to the ledger when a workspace
// is opened. The ledger itself knows only its own genesis event (ledger/events.ts); this is the
// one place that names them all. EventSchemas requires a schema for every type any feature added
// to LedgerEventMap, so an event cannot be declared without being checked.
import { createEventRegistry, type EventRegistry } from './ledger/events';
import type { VerifiedHeads } from './ledger/verifiedHeads';
import { openWorkspace, workspacePaths, type Workspace } from './ledger/workspace';
import { orgEventDataSchemas } from './org/events';
import { recordsEventDataSchemas } from './records/events';
import { reviewEventDataSchemas } from './review/events';
import { trainingEventDataSchemas } from './training/events';
import { witnessEventDataSchemas } from './witness/events';

export const STEWARD_EVENTS: EventRegistry = createEventRegistry({
  ...trainingEventDataSchemas,
  ...reviewEventDataSchemas,
  ...recordsEventDataSchemas,
  ...orgEventDataSchemas,
  ...witnessEventDataSchemas,
});

/**
 * Opens (creating its folders) the workspace at `dir` with the app's events, and the app's
 * memory of what it verified before, if it keeps one (see ledger/verifiedHeads.ts).
 */
export function openStewardWorkspace(dir: string, verified?: VerifiedHeads): Promise<Workspace> {
  return openWorkspace(dir, STEWARD_EVENTS, verified);
}

/** The workspace at `dir` with the app's events, without touching the disk. */
export function stewardWorkspace(dir: string, verified?: VerifiedHeads): Workspace {
  return workspacePaths(dir, STEWARD_EVENTS, verified);
}
