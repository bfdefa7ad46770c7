// The wizard's steps and chips: shared by the engine's conversation, the extension and the wizard webview.

/** Every step of the setup wizard, in the order it asks them. */
export const WIZARD_STEPS = [
  'mode',
  'endpoint',
  'protocol',
  'httpTemplate',
  'mcpTool',
  'auth',
  'provider',
  'model',
  'suites',
  'thresholds',
  'volumes',
  'resilience',
  'compliance',
  'bias',
  'data',
  'connection',
  'summary',
] as const;

/** One step of the setup wizard. */
export type WizardStepId = (typeof WIZARD_STEPS)[number];

/** Whether a string names a wizard step. */
export function isWizardStepId(value: unknown): value is WizardStepId {
  return typeof value === 'string' && (WIZARD_STEPS as readonly string[]).includes(value);
}

/**
 * A suggestion under a question. `answer` chips send their value as the answer;
 * `toggle` chips build a multiple choice; `secret` switches the input to a
 * password field; `prefill` puts its value in the input for the user to finish.
 */
export interface WizardChip {
  label: string;
  value: string;
  kind: 'answer' | 'toggle' | 'secret' | 'prefill';
  description?: string;
  /** For toggles: selected now. */
  pressed?: boolean;
}
