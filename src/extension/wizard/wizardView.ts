// What the webview shows, computed from the session: the current step, the
// progress, the live preview (secrets masked), the requirements matrix from
// the one function everything uses, and whether "Run tests" may be pressed.
// Kept free of `vscode`.
import type { RunProfile } from '../../engine/model/profileTypes';
import { providedKinds } from '../../engine/config/resolve';
import { DATA_KINDS } from '../../engine/model/dataKinds';
import { blockingReasons, computeRequirementMatrix } from '../../engine/requirements/requirements';
import type { WizardAnswers } from '../../engine/wizard/answers';
import { buildProfile } from '../../engine/wizard/buildProfile';
import type { WizardState } from '../../engine/wizard/machine';
import { applicableSteps, back, canGoTo, chipsOf, currentStep, progressOf } from '../../engine/wizard/machine';
import { keyTestSources } from '../../engine/secrets/keyShapes';
import { maskSecretsInYaml } from '../../engine/secrets/maskSecrets';
import { defaultSecretName } from '../../engine/wizard/parseAuth';
import { newProfileYaml, ProfileYamlError, updateProfileYaml } from '../../engine/wizard/profileYaml';
import { stepDef } from '../../engine/wizard/stepDefs';
import type { WizardRunView, WizardStepView, WizardView } from '../../protocol';
import type { ChatLog } from './wizardLog';

// The same key table the engine masks with, sent so the webview never keeps a pasted key.
const KEY_TEST_SOURCES = keyTestSources();

/** What the view is computed from. */
export interface ViewInputs {
  state: WizardState;
  log: ChatLog;
  folder: string | undefined;
  /** The text of the profile being edited, when there is one. */
  baseText: string | undefined;
  baseValue: unknown;
  editing: boolean;
  busy: string | null;
  run: WizardRunView | null;
  estimate: WizardView['estimate'];
  trusted: boolean;
  /** Set while the wizard asks whether to overwrite a file: the input answers that question. */
  overwrite?: { fileName: string };
}

/** The profile the answers describe (the edited one's other keys kept). */
export function profileOf(answers: WizardAnswers, baseValue: unknown): RunProfile {
  return buildProfile(answers, baseValue);
}

/** The YAML the wizard would write now. */
export function yamlOf(profile: RunProfile, baseText: string | undefined): string {
  if (baseText === undefined) return newProfileYaml(profile);
  try {
    return updateProfileYaml(baseText, profile);
  } catch (err) {
    if (err instanceof ProfileYamlError) return newProfileYaml(profile);
    throw err;
  }
}

/** Why the run cannot start yet, or undefined when it can. */
export function runBlocker(i: ViewInputs, blocking: readonly string[]): string | undefined {
  const a = i.state.answers;
  if (!i.trusted) return 'Runs are off in an untrusted workspace (Restricted Mode).';
  if (i.run && (i.run.phase === 'starting' || i.run.phase === 'running')) return 'A run is in progress.';
  if (i.busy) return `Wait: ${i.busy}`;
  if (!a.mode) return 'Choose a target first.';
  if (a.mode === 'api' && !a.baseUrl) return 'Give the API’s address first.';
  if (a.mode === 'mcp' && !a.mcp?.command && !a.mcp?.url) return 'Give the MCP server’s command or URL first.';
  if (!a.suites?.length) return 'Choose the suites first.';
  if (blocking.length) return `Blocked: ${blocking[0]}.`;
  return undefined;
}

function stepView(i: ViewInputs): WizardStepView {
  const a = i.state.answers;
  if (i.overwrite) {
    return {
      id: 'summary',
      title: 'Summary',
      input: 'text',
      optional: false,
      placeholder: 'overwrite, or another file name',
      chips: [
        { label: 'Overwrite', value: 'overwrite', kind: 'answer' },
        { label: 'Save as…', value: `save as ${i.overwrite.fileName.replace(/(\.aiqk)?\.ya?ml$/, '')}-2.aiqk.yaml`, kind: 'prefill' },
        { label: 'Cancel', value: 'cancel', kind: 'answer' },
      ],
    };
  }
  const def = currentStep(i.state);
  const view: WizardStepView = {
    id: def.id,
    title: def.title(a),
    chips: chipsOf(i.state),
    input: 'text',
    placeholder: def.placeholder?.(a) ?? 'Type an answer, or pick a suggestion',
    optional: def.optional,
  };
  if (def.id === 'auth') view.secretName = defaultSecretName(a);
  return view;
}

/** Builds the whole view. */
export function buildView(i: ViewInputs): WizardView {
  const a = i.state.answers;
  const profile = profileOf(a, i.baseValue);
  const suites = a.suites ?? [];
  const rows = computeRequirementMatrix(suites, providedKinds(profile), a.useDefaults);
  const blocking = blockingReasons(rows);
  const reason = runBlocker(i, blocking);
  return {
    log: [...i.log.entries],
    step: stepView(i),
    progress: progressOf(i.state),
    editable: applicableSteps(a)
      .filter((s) => s !== i.state.current && canGoTo(i.state, s))
      .map((s) => ({ id: s, title: stepDef(s).title(a) })),
    canBack: back(i.state) !== i.state,
    busy: i.busy,
    preview: {
      yaml: a.mode ? maskSecretsInYaml(yamlOf(profile, i.baseText)) : '# The run profile takes shape here as you answer.',
      fileName: a.fileName,
      folder: i.folder ?? null,
      editing: i.editing,
    },
    matrix: { suites, kinds: [...DATA_KINDS], rows, blocking },
    useDefaults: a.useDefaults,
    estimate: i.estimate,
    canRun: reason ? { enabled: false, reason } : { enabled: true },
    run: i.run,
    keyPatterns: KEY_TEST_SOURCES,
  };
}
