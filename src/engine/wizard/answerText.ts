// The current answer of a step written back as text the step's own parser reads
// to the same answer: the "Keep: …" suggestion, and the summary of a profile
// opened for editing.
import type { WizardAnswers } from './answers';
import type { WizardStepId } from '../model/wizardSteps';

function quoteWord(w: string): string {
  return /[\s"']/.test(w) ? `"${w.replace(/(["\\])/g, '\\$1')}"` : w;
}

function volumesText(a: WizardAnswers): string {
  const v = a.volumes ?? {};
  const parts: string[] = [a.volumePreset ?? 'smoke'];
  if (v.qa_sample_size !== undefined) parts.push(`qa ${v.qa_sample_size}`);
  if (v.attack_mutators !== undefined) parts.push(`mutators ${v.attack_mutators}`);
  if (v.perf_repeats !== undefined) parts.push(`perf ${v.perf_repeats}`);
  if (v.concurrency !== undefined) parts.push(`concurrency ${v.concurrency}`);
  if (v.max_pairs !== undefined) parts.push(`max pairs ${v.max_pairs}`);
  return parts.join(', ');
}

function resilienceText(a: WizardAnswers): string {
  const r = a.resilience ?? {};
  const parts: string[] = [];
  if (r.scenarios?.length) parts.push(`only ${r.scenarios.join(' and ')}`);
  if (r.burst_concurrency !== undefined) parts.push(`burst ${r.burst_concurrency}`);
  if (r.retries !== undefined) parts.push(`retries ${r.retries}`);
  if (r.circuit?.fails !== undefined)
    parts.push(`circuit ${r.circuit.fails} fails${r.circuit.reset_s !== undefined ? ` reset ${r.circuit.reset_s} s` : ''}`);
  if (r.timeouts_ms?.length) parts.push(`timeouts ${r.timeouts_ms.map((t) => `${t} ms`).join(', ')}`);
  return parts.length ? parts.join(', ') : 'all';
}

function biasText(a: WizardAnswers): string {
  const b = a.bias ?? {};
  const parts: string[] = [];
  if (b.parityMetric) parts.push(b.parityMetric === 'all' ? 'all metrics' : b.parityMetric.replace('_', ' '));
  if (b.maxPairs !== undefined) parts.push(`max pairs ${b.maxPairs}`);
  if (b.parityThreshold !== undefined) parts.push(`parity ${b.parityThreshold}`);
  if (b.groups) parts.push(b.groups);
  return parts.length ? parts.join(', ') : 'defaults';
}

/** The answer of a step as text its parser reads back; undefined when the step has nothing to repeat. */
export function answerText(id: WizardStepId, a: WizardAnswers): string | undefined {
  switch (id) {
    case 'mode':
      return a.mode === undefined ? undefined : a.mode === 'builtin' ? 'built-in demo' : a.mode;
    case 'endpoint':
      if (a.mode === 'mcp')
        return a.mcp?.url ?? (a.mcp?.command ? [a.mcp.command, ...(a.mcp.args ?? [])].map(quoteWord).join(' ') : undefined);
      return a.baseUrl;
    case 'protocol':
      return a.protocol;
    case 'httpTemplate':
      return a.http
        ? [a.http.method, a.http.path, a.http.body, a.http.answerPath, a.http.contextsPath].filter(Boolean).join(' ')
        : undefined;
    case 'mcpTool': {
      if (!a.mcpTool) return undefined;
      const arg = Object.keys(a.mcpTool.arguments ?? {})[0];
      return [`tool ${a.mcpTool.tool}`, arg ? `with argument ${arg}` : '', a.mcpTool.answerPath ?? ''].filter(Boolean).join(' ');
    }
    case 'auth':
      return a.authEnv ? `env ${a.authEnv}` : 'no key';
    case 'provider':
      return a.provider ?? 'skip';
    case 'model':
      return a.model ?? 'skip';
    case 'suites':
      return a.suites?.length ? a.suites.join(', ') : undefined;
    case 'thresholds': {
      const t = Object.entries(a.thresholds ?? {});
      return t.length ? t.map(([k, v]) => `${k} ${v}`).join(', ') : 'defaults';
    }
    case 'volumes':
      return volumesText(a);
    case 'resilience':
      return resilienceText(a);
    case 'compliance':
      return a.compliance?.protected_routes?.length ? a.compliance.protected_routes.join(', ') : 'defaults';
    case 'bias':
      return biasText(a);
    case 'data':
      return 'done';
    case 'connection':
      return 'continue';
    case 'summary':
      return undefined;
  }
}
