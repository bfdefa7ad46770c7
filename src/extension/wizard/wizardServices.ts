// What the wizard session needs from its host. VS Code provides it in the
// extension (wizardHost.ts); tests provide it in plain Node. Kept free of `vscode`.
import type { DataKind } from '../../engine/model/dataKinds';
import type { SecretLookup } from '../../engine/model/target';
import type { WizardState } from '../../engine/wizard/machine';
import type { WizardLogEntry } from '../../protocol';

/** Live progress of a run the wizard started. */
export interface WizardRunProgress {
  runId?: string;
  done: number;
  total: number;
  suite?: string;
}

/** How a run the wizard asked for ended. */
export type WizardRunOutcome =
  | { started: false; reason: string }
  | {
      started: true;
      runId: string;
      status: string;
      passed: number;
      failed: number;
      errors: number;
      total: number;
      durationMs: number;
      reportJson?: string;
      reportXlsx?: string;
      error?: string;
    };

/** The wizard's state as persisted between sessions (workspace state): never a secret. */
export interface PersistedWizard {
  version: 1;
  state: WizardState;
  log: WizardLogEntry[];
  nextId: number;
  folder?: string;
  /** The profile being edited (or already written by this wizard): later writes update it in place. */
  editingFile?: string;
}

/** The host's side of the wizard: file pickers, secrets, editors, runs, persistence. */
export interface WizardServices {
  /** The folder the profile goes to without asking (the workspace's only folder), if there is one. */
  defaultFolder(): string | undefined;
  /** The folder the profile goes to; may ask the user (several folders, or none open). */
  chooseFolder(): Promise<string | undefined>;
  /** Lets the user pick a data file of a kind (starting in `folder`); its absolute path. */
  pickDataFile(kind: DataKind, folder: string): Promise<string | undefined>;
  /** Stores a secret under a name (VS Code's SecretStorage). */
  storeSecret(name: string, value: string): Promise<void>;
  /** Looks secrets up by name (environment first, then stored secrets). */
  secrets: SecretLookup;
  /** Whether the workspace is trusted (runs and MCP commands need it). */
  isTrusted(): boolean;
  /** Opens a file in an editor (the written profile, a created dataset). */
  openFile(path: string): Promise<void>;
  /** Starts a run of a written profile; resolves when it ends (or could not start). */
  startRun(profile: string, onProgress: (p: WizardRunProgress) => void): Promise<WizardRunOutcome>;
  /** Cancels a run by id; false when it is not running. */
  cancelRun(runId: string): Promise<boolean>;
  /** Opens a JSON report (the report view when available). */
  openReport(path: string): Promise<void>;
  /** Shows a file in the file explorer (the XLSX report). */
  revealFile(path: string): Promise<void>;
  /** Shows the run log. */
  showRunLog(): Promise<void>;
  /** The run profiles of the workspace (absolute paths), offered for editing when a fresh wizard starts. */
  listProfiles(): Promise<string[]>;
  /** Keeps the wizard's state for the next session. */
  persist(state: PersistedWizard | undefined): void;
}
