// What WizardWork needs of the conversation it works for. WizardSession
// implements it; WizardWork knows only this, so the two files do not import
// each other. Kept free of `vscode`.
import type { WizardState } from '../../engine/wizard/machine';
import type { WizardRunView } from '../../protocol';
import type { ChatLog } from './wizardLog';
import type { WizardServices } from './wizardServices';

/** A profile write waiting for the user's "overwrite?" answer. */
export interface PendingOverwrite {
  file: string;
  run: boolean;
}

/** The session state and operations the wizard's work reads and changes. */
export interface WizardWorkHost {
  /** The step machine's state (answers included). */
  readonly state: WizardState;
  /** The conversation the work adds its messages to. */
  readonly log: ChatLog;
  /** Dialogs, secrets, files and runs, as the host provides them. */
  readonly services: WizardServices;
  /** The profile being edited (undefined for a new one). */
  readonly editingFile: string | undefined;
  /** The edited profile's text and parsed value, kept when it is rewritten. */
  readonly baseText: string | undefined;
  readonly baseValue: unknown;
  /** What the wizard is busy with (shown in the view), or null. */
  busy: string | null;
  /** The run started from the wizard, as the view shows it. */
  run: WizardRunView | null;
  /** A write that waits for "overwrite?". */
  overwrite: PendingOverwrite | undefined;
  /** Sends the view, saves the state. */
  changed(): void;
  /** Sets answers directly (data files, the file name). */
  patch(set: Partial<WizardState['answers']>): void;
  /** The folder the profile and datasets go to (asks when unknown). */
  ensureFolder(): Promise<string | undefined>;
  /** The path the profile is written to. */
  profilePath(): string;
  /** Remembers the profile now on disk. */
  loadBase(file: string, text?: string): Promise<void>;
}
