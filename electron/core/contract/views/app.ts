// What the app says about itself, its profiles, settings and the workspace: the views the shell
// and the settings screen show. Types only (the integrity types are the ledger's own).
import type { VerifyReport } from '../../ledger/report';
import type { KeyProtection } from '../enums';
import type { Reason } from '../reasons';

export type { LedgerSummary, VerifyProblem, VerifyReport, VerifyDepth } from '../../ledger/report';
export type { KeyProtection, LocaleChoice, ThemeChoice } from '../enums';
export type { ProfileInput } from '../schemas';

export interface ProfileSummary {
  id: string;
  name: string;
  email: string;
  team: string;
  /** SHA-256 fingerprint of the public key, grouped for reading aloud (used in policy role entries). */
  fingerprint: string;
  createdAt: string;
  /** True when the profile's key is sealed with a passphrase: switching to it asks for it. */
  hasPassphrase?: boolean;
}

export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  /** In English (logs); the screens word `reasons` when there are any. */
  message: string;
  reasons?: Reason[];
}

export interface AppInfo {
  name: string;
  version: string;
  /** Which host carries the calls: the desktop app, the browser preview, or a test bridge. */
  host: 'electron' | 'preview' | 'test';
  keyProtection: KeyProtection;
  keyProtectionNote: string;
  notices: Notice[];
  /**
   * The current profile, when it has a passphrase and has not been unlocked since the app
   * started: no profile is in use until it is (switchProfile with its passphrase).
   */
  lockedProfileId?: string | null;
}

export interface SettingsView {
  workspaceDir: string;
  defaultWorkspaceDir: string;
  canPickFolder: boolean;
}

export interface WorkspaceStatus {
  workspaceDir: string;
  /** Set when the current profile's own ledger could not be opened for writing. */
  readOnly: { file: string; seq: number | null; why: Reason; reason: string } | null;
  report: VerifyReport;
}
