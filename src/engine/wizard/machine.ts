// The step machine: which step is current, which are done, what an answer
// changes and where it leads. Pure functions over plain JSON state, so the host
// can persist it and tests can drive it without any UI.
import type { WizardAnswers } from './answers';
import type { WizardStepId } from '../model/wizardSteps';
import { emptyAnswers } from './answers';
import { isWizardStepId } from '../model/wizardSteps';
import type { AcceptedAnswer, StepOutcome } from './outcome';
import { looksLikeSecret } from '../secrets/keyShapes';
import type { StepDef } from './stepDefs';
import type { WizardChip } from '../model/wizardSteps';
import { keepChip, STEP_DEFS, stepDef } from './stepDefs';

/** The wizard's state: answers, the current step, the steps done. */
export interface WizardState {
  answers: WizardAnswers;
  current: WizardStepId;
  done: WizardStepId[];
  /** Set when the user jumped back to edit a step: after it, go on to the first step not done, else here. */
  returnTo?: WizardStepId;
  /** Set when the target changed since the connection was last tested: an edit then passes by the connection step. */
  retest?: boolean;
}

/** The result of answering: the new state and what the step made of the answer. */
export interface Transition {
  state: WizardState;
  outcome: StepOutcome;
}

/** Progress as the bar shows it: "Step X of Y: title", with a percentage. */
export interface WizardProgress {
  index: number;
  count: number;
  percent: number;
  title: string;
}

/** Answers that change the target make an earlier connection test stale. */
const TARGET_FIELDS: readonly (keyof WizardAnswers)[] = [
  'mode',
  'baseUrl',
  'mcp',
  'protocol',
  'http',
  'mcpTool',
  'authEnv',
  'provider',
  'model',
];

/** A fresh wizard (or one prefilled from a profile being edited: every step done, starting at the first). */
export function initialState(answers: WizardAnswers = emptyAnswers(), allDone = false): WizardState {
  const state: WizardState = { answers, current: 'mode', done: [] };
  if (allDone) state.done = applicableSteps(answers).filter((s) => s !== 'summary' && s !== 'connection');
  return state;
}

/** The steps that apply to these answers, in order (the summary is always last). */
export function applicableSteps(answers: WizardAnswers): WizardStepId[] {
  return STEP_DEFS.filter((d) => d.applies(answers)).map((d) => d.id);
}

/** Progress of the current step among the applicable ones. */
export function progressOf(state: WizardState): WizardProgress {
  const steps = applicableSteps(state.answers);
  const index = Math.max(0, steps.indexOf(state.current)) + 1;
  return {
    index,
    count: steps.length,
    percent: Math.round((index / steps.length) * 100),
    title: stepDef(state.current).title(state.answers),
  };
}

/** The current step's definition. */
export function currentStep(state: WizardState): StepDef {
  return stepDef(state.current);
}

/** The chips of the current step, with "Keep: …" first when the step was answered before. */
export function chipsOf(state: WizardState): WizardChip[] {
  const def = currentStep(state);
  const chips = def.chips(state.answers);
  const keep =
    state.done.includes(state.current) && def.id !== 'suites' && def.id !== 'data' && def.id !== 'connection'
      ? keepChip(def.id, state.answers)
      : undefined;
  if (!keep) return chips;
  const same = chips.find((c) => c.kind === 'answer' && c.value === keep.value);
  if (!same) return [keep, ...chips];
  return [{ ...same, label: `Keep: ${same.label}` }, ...chips.filter((c) => c !== same)];
}

function applyAnswer(answers: WizardAnswers, set: Partial<WizardAnswers>): WizardAnswers {
  const next: WizardAnswers = { ...answers };
  for (const [k, v] of Object.entries(set) as [keyof WizardAnswers, unknown][]) {
    if (v === undefined) delete next[k];
    else (next as unknown as Record<string, unknown>)[k] = v;
  }
  return next;
}

function changedTarget(before: WizardAnswers, after: WizardAnswers): boolean {
  return TARGET_FIELDS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

// A step still to ask on the way back from an edit. The connection test counts only when the
// target changed: a profile being edited was never tested here, and re-testing an unchanged
// target on every edit is what made editing one step a walk through all the later ones.
function isPending(state: WizardState, step: WizardStepId): boolean {
  if (step === 'summary' || state.done.includes(step)) return false;
  return step !== 'connection' || state.retest === true;
}

/** The step after `from`: the next applicable one in order, skipping those just covered; with `returnTo`, the first not done. */
function nextStep(
  state: WizardState,
  from: WizardStepId,
  covered: readonly WizardStepId[],
): { step: WizardStepId; returnTo?: WizardStepId } {
  const steps = applicableSteps(state.answers);
  const after = steps.slice(steps.indexOf(from) + 1);
  if (state.returnTo && steps.includes(state.returnTo)) {
    const pending = after.find((s) => isPending(state, s) && steps.indexOf(s) < steps.indexOf(state.returnTo as WizardStepId));
    return pending ? { step: pending, returnTo: state.returnTo } : { step: state.returnTo };
  }
  const next = after.find((s) => !covered.includes(s));
  return { step: next ?? 'summary' };
}

/** Applies an accepted outcome to the state (answers, done steps, the next step). */
export function applyOutcome(state: WizardState, outcome: AcceptedAnswer): WizardState {
  const answers = applyAnswer(state.answers, outcome.set);
  let done = [...new Set([...state.done, state.current, ...(outcome.covers ?? [])])];
  const base: WizardState = { ...state, answers };
  if (changedTarget(state.answers, answers)) {
    done = done.filter((s) => s !== 'connection');
    base.retest = true;
  } else if (state.current === 'connection') delete base.retest;
  const steps = applicableSteps(answers);
  base.done = done.filter((s) => steps.includes(s));
  if (outcome.goTo) return goTo(base, outcome.goTo);
  if (outcome.stay) return base;
  const { step, returnTo } = nextStep(base, state.current, outcome.covers ?? []);
  const next: WizardState = { ...base, current: step };
  if (returnTo) next.returnTo = returnTo;
  else delete next.returnTo;
  return next;
}

/** Answers the current step with free text (or a chip's value). */
export function submit(state: WizardState, text: string): Transition {
  const def = currentStep(state);
  // A key typed anywhere but the key step would end up in the profile as a name or a model.
  if (def.id !== 'auth' && looksLikeSecret(text.trim())) {
    return {
      state,
      outcome: {
        ok: false,
        reply:
          'That looks like an API key, so it was not kept: keys go to the “API key” step, which stores them in VS Code’s secret storage, never in the profile.',
      },
    };
  }
  const outcome = def.parse(text, state.answers);
  if (!outcome.ok) return { state, outcome };
  return { state: applyOutcome(state, outcome), outcome };
}

/** Goes to the previous applicable step; stays on the first. */
export function back(state: WizardState): WizardState {
  const steps = applicableSteps(state.answers);
  const i = steps.indexOf(state.current);
  if (i <= 0) return state;
  const next: WizardState = { ...state, current: steps[i - 1] };
  delete next.returnTo;
  return next;
}

/** Jumps to a step to edit it (one that applies, and was done or comes before the first open one). */
export function goTo(state: WizardState, step: WizardStepId): WizardState {
  const steps = applicableSteps(state.answers);
  if (!steps.includes(step)) return state;
  const firstOpen = steps.find((s) => !state.done.includes(s)) ?? 'summary';
  if (!state.done.includes(step) && steps.indexOf(step) > steps.indexOf(firstOpen)) return state;
  const later = steps.indexOf(state.current) > steps.indexOf(step);
  const next: WizardState = { ...state, current: step };
  if (later) next.returnTo = state.returnTo ?? state.current;
  else if (!state.returnTo && step !== state.current) {
    // Jumping ahead over done steps (as when editing a profile): come back to the first step
    // still open after this one, which for a complete profile is the summary.
    const open = steps.slice(steps.indexOf(step) + 1).find((s) => isPending(state, s));
    next.returnTo = open ?? 'summary';
  }
  return next;
}

/** Whether a step may be jumped to now (for "Edit" buttons). */
export function canGoTo(state: WizardState, step: WizardStepId): boolean {
  return goTo(state, step) !== state || state.current === step;
}

/** Starts over, keeping nothing. */
export function reset(): WizardState {
  return initialState();
}

/** Reads a persisted state back, or undefined when it is not one (older format, corrupted). */
export function restoreState(value: unknown): WizardState | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Partial<WizardState>;
  if (!isWizardStepId(v.current) || !Array.isArray(v.done) || !v.answers || typeof v.answers !== 'object') return undefined;
  const answers = { ...emptyAnswers(), ...v.answers } as WizardAnswers;
  const done = v.done.filter(isWizardStepId);
  const state: WizardState = { answers, current: v.current, done };
  if (isWizardStepId(v.returnTo)) state.returnTo = v.returnTo;
  if (v.retest === true) state.retest = true;
  if (!applicableSteps(answers).includes(state.current)) state.current = 'mode';
  return state;
}
