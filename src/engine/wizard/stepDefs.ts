// The wizard's steps: when each applies, what it asks, which suggestions it
// offers, how it reads an answer, and how the current answer reads back as text.
import type { DataKind } from '../model/dataKinds';
import { SUITE_NAMES } from '../model/suiteNames';
import type { WizardAnswers } from './answers';
import type { WizardChip, WizardStepId } from '../model/wizardSteps';
import { RECOMMENDED_SUITES } from './answers';
import { MODES, PROTOCOLS, PROVIDERS, SUITE_INFO, VOLUME_INFO } from './catalog';
import type { StepOutcome } from './outcome';
import { defaultSecretName, parseAuth, parseModel, parseProvider, suggestedModels } from './parseAuth';
import { kindsInUse, parseConnection, parseData, parseSummary } from './parseFinish';
import { defaultThresholds, parseThresholds, parseVolumes } from './parseOptions';
import { parseBias, parseCompliance, parseResilience } from './parseSuiteOptions';
import { parseSuites } from './parseSuites';
import { parseEndpoint, parseHttpTemplate, parseMcpTool, parseMode, parseProtocol } from './parseTarget';
import { looksOpenAiCompatible } from './parseUrl';
import { answerText } from './answerText';

/** One step of the conversation. */
export interface StepDef {
  id: WizardStepId;
  /** Short name for the progress bar ("Step 3 of 12: Protocol"). */
  title(a: WizardAnswers): string;
  question(a: WizardAnswers): string;
  hint?(a: WizardAnswers): string;
  applies(a: WizardAnswers): boolean;
  /** Skipping takes the defaults. */
  optional: boolean;
  chips(a: WizardAnswers): WizardChip[];
  parse(text: string, a: WizardAnswers): StepOutcome;
  placeholder?(a: WizardAnswers): string;
}

const chip = (label: string, value = label, description?: string): WizardChip => ({
  label,
  value,
  kind: 'answer',
  ...(description ? { description } : {}),
});
const skipChip = (label = 'Skip (defaults)'): WizardChip => chip(label, 'skip');
const isApi = (a: WizardAnswers) => a.mode === 'api';
const KIND_LABEL: Record<DataKind, string> = {
  passages: 'passages',
  qaset: 'qaset',
  attacks: 'attacks',
  schema: 'schema',
  pii_patterns: 'PII patterns',
  bias_groups: 'bias groups',
};

/** Every step, in the order the wizard asks them. */
export const STEP_DEFS: readonly StepDef[] = [
  {
    id: 'mode',
    optional: false,
    applies: () => true,
    title: () => 'Target',
    question: () => 'Hi! Let’s set up a first quality run. What do you want to test?',
    hint: () => 'Type freely, e.g. “api at localhost:8000” or “the demo”.',
    chips: () =>
      (Object.keys(MODES) as (keyof typeof MODES)[]).map((m) =>
        chip(MODES[m].label, m === 'builtin' ? 'built-in demo' : m, MODES[m].description),
      ),
    parse: (t) => parseMode(t),
  },
  {
    id: 'endpoint',
    optional: false,
    applies: (a) => a.mode === 'api' || a.mode === 'mcp',
    title: (a) => (a.mode === 'mcp' ? 'MCP server' : 'Address'),
    question: (a) =>
      a.mode === 'mcp'
        ? 'How is the MCP server reached? Give the command that starts it, or its URL.'
        : 'Where does the API listen? Its base URL, please.',
    chips: (a) =>
      a.mode === 'mcp'
        ? [chip('node server.js'), chip('npx -y @modelcontextprotocol/server-everything'), chip('http://127.0.0.1:3000/mcp')]
        : [
            chip('http://127.0.0.1:8000', undefined, 'A local app'),
            chip('http://localhost:11434/v1', undefined, 'Ollama'),
            chip('http://localhost:1234/v1', undefined, 'LM Studio'),
            chip('http://localhost:8000/v1', undefined, 'vLLM'),
          ],
    placeholder: (a) => (a.mode === 'mcp' ? 'node server.js  or  http://127.0.0.1:3000/mcp' : 'http://127.0.0.1:8000'),
    parse: parseEndpoint,
  },
  {
    id: 'protocol',
    optional: false,
    applies: isApi,
    title: () => 'Protocol',
    question: () => 'How does the API take questions?',
    chips: (a) => {
      const order: (keyof typeof PROTOCOLS)[] = looksOpenAiCompatible(a.baseUrl) ? ['openai', 'aiqk', 'http'] : ['aiqk', 'openai', 'http'];
      return order.map((p) => chip(PROTOCOLS[p].label, p, PROTOCOLS[p].description));
    },
    parse: (t) => parseProtocol(t),
  },
  {
    id: 'httpTemplate',
    optional: true,
    applies: (a) => isApi(a) && a.protocol === 'http',
    title: () => 'Request',
    question: () =>
      'Describe the request: method, path, a JSON body with {{question}} where the question goes, and the JSONPath of the answer.',
    chips: () => [
      chip('POST /chat {"question": "{{question}}"} $.answer'),
      chip('POST /query {"q": "{{question}}"} $.result.text $.result.sources[*].text'),
      skipChip(),
    ],
    placeholder: () => 'POST /chat {"q": "{{question}}"} $.answer',
    parse: (t) => parseHttpTemplate(t),
  },
  {
    id: 'mcpTool',
    optional: true,
    applies: (a) => a.mode === 'mcp',
    title: () => 'MCP tool',
    question: () => 'Which tool of the server answers questions?',
    hint: () => 'Its question argument is found from the tool’s input schema unless you name it (“search with argument query”).',
    chips: () => [chip('ask'), chip('search with argument query'), chip('answer_question'), skipChip('Skip (tool “ask”)')],
    parse: (t) => parseMcpTool(t),
  },
  {
    id: 'auth',
    optional: true,
    applies: (a) => isApi(a) || (a.mode === 'mcp' && !!a.mcp?.url),
    title: () => 'API key',
    question: () => 'Does the target need an API key?',
    hint: () =>
      'Give the NAME of the environment variable that holds it, or enter the key: it goes to VS Code’s secret storage, never into the profile.',
    chips: (a) => [
      chip('No key', 'no key'),
      chip(
        `Key in $${defaultSecretName(a)}`,
        `env ${defaultSecretName(a)}`,
        'Read from this environment variable (or a stored secret of that name)',
      ),
      { label: 'Enter the key now…', value: defaultSecretName(a), kind: 'secret', description: 'Stored in VS Code’s secret storage' },
    ],
    placeholder: (a) => `no key, ${defaultSecretName(a)}, or paste the key`,
    parse: parseAuth,
  },
  {
    id: 'provider',
    optional: true,
    applies: (a) => isApi(a) && (a.protocol ?? 'aiqk') === 'aiqk',
    title: () => 'Provider',
    question: () => 'Which provider should the API use? (Passed to it as “provider”.)',
    chips: () => [...PROVIDERS.map((p) => chip(p.label, p.id)), skipChip('Skip')],
    parse: (t) => parseProvider(t),
  },
  {
    id: 'model',
    optional: true,
    applies: (a) => isApi(a) && a.protocol !== 'http',
    title: () => 'Model',
    question: (a) => (a.protocol === 'openai' ? 'Which model should the server run?' : 'Which model should the API use?'),
    chips: (a) => [...suggestedModels(a).map((m) => chip(m)), skipChip('Skip')],
    placeholder: (a) => suggestedModels(a)[0] ?? 'model name',
    parse: parseModel,
  },
  {
    id: 'suites',
    optional: false,
    applies: () => true,
    title: () => 'Suites',
    question: () => 'Which quality suites should run?',
    hint: () => 'Toggle suites below, or type “all except resilience”, “rag and red team”…',
    chips: (a) => [
      ...SUITE_NAMES.map((s): WizardChip => ({
        label: SUITE_INFO[s].label,
        value: s,
        kind: 'toggle',
        description: SUITE_INFO[s].description,
        pressed: (a.suites ?? RECOMMENDED_SUITES).includes(s),
      })),
      chip('All suites', 'all'),
      chip('Recommended', 'recommended', 'RAG quality, red team and safety'),
    ],
    parse: (t) => parseSuites(t),
  },
  {
    id: 'thresholds',
    optional: true,
    applies: () => true,
    title: () => 'Thresholds',
    question: () => 'Pass/fail thresholds: keep the documented defaults, or set your own?',
    hint: () => 'E.g. “faithfulness 0.85, recall 80%, p95 3 s”. Every metric has a default; the profile lists the key ones.',
    chips: (a) => {
      const d = defaultThresholds(a.suites ?? []);
      const text = Object.entries(d)
        .map(([k, v]) => `${k.replace(/_(min|max)$/, '').replace(/_/g, ' ')} ${v}`)
        .join(', ');
      return [
        chip('Defaults', 'defaults', text || 'Documented defaults'),
        chip('Strict', 'strict', 'Higher bars for production'),
        chip('Lenient', 'lenient', 'Lower bars for a prototype'),
        { label: 'Custom…', value: 'faithfulness 0.85, context recall 0.8', kind: 'prefill' },
      ];
    },
    placeholder: () => 'faithfulness 0.85, context recall 0.8',
    parse: parseThresholds,
  },
  {
    id: 'volumes',
    optional: true,
    applies: () => true,
    title: () => 'Volumes',
    question: () => 'How big should the run be?',
    hint: () => 'A preset, optionally with numbers: “full with concurrency 8”, “qa 10, mutators 2”.',
    chips: () =>
      (Object.keys(VOLUME_INFO) as (keyof typeof VOLUME_INFO)[]).map((v) => chip(VOLUME_INFO[v].label, v, VOLUME_INFO[v].description)),
    parse: parseVolumes,
  },
  {
    id: 'resilience',
    optional: true,
    applies: (a) => !!a.suites?.includes('resilience'),
    title: () => 'Resilience',
    question: () => 'Resilience: which scenarios, and how hard?',
    chips: () => [
      chip('All scenarios', 'all'),
      chip('Only timeout and retry', 'only timeout and retry'),
      chip('burst 20, retries 3'),
      chip('circuit 5 fails reset 30 s'),
    ],
    parse: (t) => parseResilience(t),
  },
  {
    id: 'compliance',
    optional: true,
    applies: (a) => !!a.suites?.includes('compliance_smoke'),
    title: () => 'Compliance',
    question: () => 'Compliance: PII prompts run by default. Which routes must refuse requests without credentials?',
    chips: () => [
      chip('Defaults', 'defaults'),
      chip('/admin, /internal/*'),
      { label: 'Other routes…', value: '/admin, ', kind: 'prefill' },
    ],
    parse: parseCompliance,
  },
  {
    id: 'bias',
    optional: true,
    applies: (a) => !!a.suites?.includes('bias_smoke'),
    title: () => 'Bias',
    question: () => 'Bias: which groups should be compared, and how?',
    hint: () => 'Pairs as a|b (or “rich vs poor”), a metric (refusal rate, length, similarity, all), “max pairs 5”, “parity 0.2”.',
    chips: () => [
      chip('Defaults', 'defaults', 'female|male, young|elderly and more; all metrics; up to 10 pairs'),
      chip('female|male; young|elderly'),
      chip('Refusal rate only', 'refusal rate'),
      chip('max pairs 5'),
    ],
    parse: (t) => parseBias(t),
  },
  {
    // Before the suites are chosen the step is assumed to apply, so the step count stays steady.
    id: 'data',
    optional: true,
    applies: (a) => a.suites === undefined || kindsInUse(a.suites).length > 0,
    title: () => 'Test data',
    question: (a) =>
      `Test data: the suites you chose use ${kindsInUse(a.suites ?? [])
        .map((k) => KIND_LABEL[k])
        .join(', ')}. Use your own files, create them from a template, or let the built-in datasets fill in.`,
    hint: () => 'Each file is checked at once, as the editor’s diagnostics do.',
    chips: (a) => {
      const used = kindsInUse(a.suites ?? []);
      const out: WizardChip[] = [];
      for (const k of used.filter((x) => !a.data?.[x]).slice(0, 3)) out.push(chip(`Pick ${KIND_LABEL[k]} file…`, `pick ${k}`));
      for (const k of used.filter((x) => !a.data?.[x] && x !== 'schema').slice(0, 2))
        out.push(chip(`Create ${KIND_LABEL[k]} from template`, `create ${k}`));
      out.push(chip('Continue', 'done', a.useDefaults ? 'Missing data uses the built-in datasets' : undefined));
      return out;
    },
    placeholder: () => 'data/qaset.jsonl, pick passages, create qaset, done',
    parse: parseData,
  },
  {
    id: 'connection',
    optional: true,
    applies: () => true,
    title: () => 'Connection',
    question: () => 'Let’s check the target answers: one real question, its latency and the answer.',
    chips: () => [chip('Test again', 'test again'), chip('Continue', 'continue'), chip('Change the target', 'change the target')],
    parse: parseConnection,
  },
  {
    id: 'summary',
    optional: false,
    applies: () => true,
    title: () => 'Summary',
    question: (a) => `All set. Write ${a.fileName} and start a first run?`,
    chips: (a) => [
      chip('Write and run', 'run', `Writes ${a.fileName}, opens it and starts the run`),
      chip('Write profile only', 'write'),
      { label: 'Save as…', value: 'save as my.aiqk.yaml', kind: 'prefill' },
    ],
    placeholder: () => 'run, write, save as name.aiqk.yaml, edit suites',
    parse: (t) => parseSummary(t),
  },
];

/** The definition of a step. */
export function stepDef(id: WizardStepId): StepDef {
  const def = STEP_DEFS.find((s) => s.id === id);
  if (!def) throw new Error(`unknown wizard step ${id}`);
  return def;
}

/** A chip that repeats the current answer ("Keep: …"), for steps answered before. */
export function keepChip(id: WizardStepId, a: WizardAnswers): WizardChip | undefined {
  const text = answerText(id, a);
  return text === undefined
    ? undefined
    : { label: `Keep: ${text.length > 40 ? `${text.slice(0, 39)}…` : text}`, value: text, kind: 'answer' };
}
