// One line per part of the configuration, for the summary step.
import { VOLUME_PRESETS } from '../config/resolve';
import type { WizardAnswers } from './answers';
import type { WizardStepId } from '../model/wizardSteps';
import { answerText } from './answerText';
import { MODES, PROTOCOLS } from './catalog';
import { kindsInUse } from './parseFinish';
import { KINDS_WITH_DEFAULTS, SUITE_REQUIREMENTS } from '../requirements/requirements';

function targetLine(a: WizardAnswers): string {
  if (a.mode === 'builtin') return `Target: ${MODES.builtin.label} (offline, no key)`;
  if (a.mode === 'mcp') {
    const where = a.mcp?.url ?? answerText('endpoint', a) ?? '(not set)';
    return `Target: MCP server ${where}, tool ${a.mcpTool?.tool ?? 'ask'}${a.authEnv ? `, key from ${a.authEnv}` : ''}`;
  }
  if (a.mode === 'api') {
    const bits = [a.protocol ? PROTOCOLS[a.protocol].label : PROTOCOLS.aiqk.label];
    if (a.provider) bits.push(`provider ${a.provider}`);
    if (a.model) bits.push(`model ${a.model}`);
    bits.push(a.authEnv ? `key from ${a.authEnv}` : 'no key');
    return `Target: API ${a.baseUrl ?? '(no address)'} (${bits.join(', ')})`;
  }
  return 'Target: not chosen yet';
}

/** The configuration in a few lines a person reads before writing it. */
export function describeAnswers(a: WizardAnswers): string[] {
  const preset = a.volumePreset ?? 'smoke';
  const v = { ...VOLUME_PRESETS[preset], ...(a.volumes ?? {}) };
  const thresholds = Object.entries(a.thresholds ?? {});
  const used = kindsInUse(a.suites ?? []);
  const data = used.map(
    (k) =>
      `${k} ${a.data?.[k] ?? (k === 'bias_groups' && a.bias?.groups ? a.bias.groups : a.useDefaults && KINDS_WITH_DEFAULTS.has(k) ? '(built-in)' : '(none)')}`,
  );
  return [
    targetLine(a),
    `Suites: ${a.suites?.length ? a.suites.join(', ') : '(none)'}`,
    `Volumes: ${preset} (qa ${v.qa_sample_size}, mutators ${v.attack_mutators}, perf ${v.perf_repeats}, concurrency ${v.concurrency})`,
    `Thresholds: ${thresholds.length ? thresholds.map(([k, x]) => `${k} ${x}`).join(', ') : 'documented defaults'}`,
    ...(used.length ? [`Data: ${data.join('; ')}`] : []),
    `Default datasets: ${a.useDefaults ? 'allowed' : 'off'}`,
    `File: ${a.fileName}`,
  ];
}

/** What an accepted answer set, in a few words, shown under the user's answer ("HTTP API · http://localhost:8000"). */
export function understood(steps: readonly WizardStepId[], a: WizardAnswers): string | undefined {
  const parts: string[] = [];
  for (const step of steps) {
    switch (step) {
      case 'mode':
        if (a.mode) parts.push(MODES[a.mode].label);
        break;
      case 'protocol':
        if (a.protocol) parts.push(PROTOCOLS[a.protocol].label);
        break;
      case 'suites':
        if (a.suites) parts.push(`${a.suites.length} ${a.suites.length === 1 ? 'suite' : 'suites'}: ${a.suites.join(', ')}`);
        break;
      case 'volumes': {
        const v = { ...VOLUME_PRESETS[a.volumePreset ?? 'smoke'], ...(a.volumes ?? {}) };
        parts.push(
          `${a.volumePreset ?? 'smoke'}: ${v.qa_sample_size} questions, ${v.attack_mutators} attack ${v.attack_mutators === 1 ? 'mutator' : 'mutators'}, ${v.perf_repeats} performance repeats, concurrency ${v.concurrency}`,
        );
        break;
      }
      case 'provider':
        parts.push(a.provider ? `provider ${a.provider}` : 'no provider');
        break;
      case 'model':
        parts.push(a.model ? `model ${a.model}` : 'no model');
        break;
      case 'data':
      case 'connection':
      case 'summary':
        break;
      default: {
        const text = answerText(step, a);
        if (text) parts.push(text);
      }
    }
  }
  const out = parts.filter(Boolean).join(' · ');
  return out || undefined;
}

/** One line per data kind the chosen suites use: where it comes from now. */
export function dataStatusLines(a: WizardAnswers): string[] {
  return kindsInUse(a.suites ?? []).map((k) => {
    const needs = (a.suites ?? []).filter((s) => SUITE_REQUIREMENTS[s].required.includes(k));
    const who = needs.length ? `required by ${needs.join(', ')}` : 'optional';
    const inline = k === 'bias_groups' && !a.data?.[k] ? a.bias?.groups : undefined;
    const from = a.data?.[k]
      ? `✓ ${a.data[k]}`
      : inline
        ? `✓ ${inline} (inline)`
        : a.useDefaults && KINDS_WITH_DEFAULTS.has(k)
          ? '○ built-in'
          : needs.length
            ? '✗ missing'
            : '— none';
    return `${k} (${who}): ${from}`;
  });
}
