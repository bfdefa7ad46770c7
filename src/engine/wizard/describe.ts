// One line per part of the configuration, for the summary step.
import { VOLUME_PRESETS } from '../config/resolve';
import type { WizardAnswers } from './answers';
import { answerText } from './answerText';
import { MODES, PROTOCOLS } from './catalog';
import { kindsInUse } from './parseFinish';

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
  const data = used.map((k) => `${k} ${a.data?.[k] ?? (a.useDefaults ? '(built-in)' : '(none)')}`);
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
