import type { DataKind } from '../model/dataKinds';
import type { WizardAnswers } from './answers';
import type { WizardStepId } from '../model/wizardSteps';

/** Work the wizard's host does for an answer (the step machine itself does no I/O). */
export type WizardEffect =
  | { kind: 'testConnection' }
  | { kind: 'validateData'; dataKind: DataKind; path: string }
  | { kind: 'pickData'; dataKind: DataKind }
  | { kind: 'createData'; dataKind: DataKind }
  | { kind: 'finish'; run: boolean }
  | { kind: 'overwrite' };

/** A secret typed as an answer: stored by the host under `name`, never echoed or written. */
export interface SecretAnswer {
  name: string;
  value: string;
}

/** An answer the step understood. */
export interface AcceptedAnswer {
  ok: true;
  /** Fields to set; a key present with the value undefined clears that field. */
  set: Partial<WizardAnswers>;
  /** Other steps this answer also answered ("api at localhost:8000" answers the endpoint too). */
  covers?: WizardStepId[];
  /** What the wizard says back (confirmation, a note on what it understood). */
  reply?: string;
  /** Set when the answer was (or contained) a secret: the log shows a mask instead of the text. */
  secret?: SecretAnswer;
  effect?: WizardEffect;
  /** Stay on this step (a dataset added, a connection retried). */
  stay?: boolean;
  /** Jump to a step instead of the next one ("change the target"). */
  goTo?: WizardStepId;
}

/** An answer the step could not use: the reply says why, and the question is asked again. */
export interface RejectedAnswer {
  ok: false;
  reply: string;
}

/** What a step makes of an answer. */
export type StepOutcome = AcceptedAnswer | RejectedAnswer;

/** Shorthand for a rejected answer. */
export function reject(reply: string): RejectedAnswer {
  return { ok: false, reply };
}

/** Shorthand for an accepted answer. */
export function accept(set: Partial<WizardAnswers>, extra: Omit<AcceptedAnswer, 'ok' | 'set'> = {}): AcceptedAnswer {
  return { ok: true, set, ...extra };
}
