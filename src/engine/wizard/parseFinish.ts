// Reading the last steps: test data (files, templates, defaults), the
// connection test, and the summary (write, run, another file name, edit a step).
import { isProfileFileName } from '../config/loadProfile';
import type { DataKind } from '../model/dataKinds';
import { DATA_KINDS } from '../model/dataKinds';
import { expectedExtensions } from '../data/validateDataFile';
import { SUITE_REQUIREMENTS } from '../requirements/requirements';
import type { WizardAnswers } from './answers';
import type { WizardStepId } from '../model/wizardSteps';
import type { StepOutcome } from './outcome';
import { accept, reject } from './outcome';
import { findAliases, isSkip, normalize, yesNo } from './textMatch';

const KIND_WORDS: { id: DataKind; aliases: string[] }[] = [
  { id: 'passages', aliases: ['passages', 'passage', 'documents', 'docs', 'corpus', 'knowledge', 'knowledge base', 'context'] },
  { id: 'qaset', aliases: ['qaset', 'qa set', 'qa', 'q&a', 'questions', 'golden set', 'golden', 'qa pairs'] },
  { id: 'attacks', aliases: ['attacks', 'attack', 'attack prompts', 'prompts', 'jailbreaks'] },
  { id: 'schema', aliases: ['schema', 'json schema', 'answer schema'] },
  { id: 'pii_patterns', aliases: ['pii patterns', 'pii', 'patterns', 'regexes'] },
  { id: 'bias_groups', aliases: ['bias groups', 'bias', 'groups', 'pairs'] },
];

/** The data kinds the chosen suites use (required or optional), in the matrix's order. */
export function kindsInUse(suites: readonly string[]): DataKind[] {
  const used = new Set<DataKind>();
  for (const s of suites) {
    const req = SUITE_REQUIREMENTS[s as keyof typeof SUITE_REQUIREMENTS];
    if (!req) continue;
    for (const k of [...req.required, ...req.optional]) used.add(k);
  }
  return DATA_KINDS.filter((k) => used.has(k));
}

/** Required kinds with no file while defaults are off: what stops the run. */
export function missingRequired(answers: WizardAnswers): DataKind[] {
  if (answers.useDefaults) return [];
  const need = new Set<DataKind>();
  for (const s of answers.suites ?? []) for (const k of SUITE_REQUIREMENTS[s].required) need.add(k);
  return DATA_KINDS.filter((k) => need.has(k) && !answers.data?.[k]);
}

function kindOfPath(path: string, candidates: readonly DataKind[]): DataKind | undefined {
  const lower = path.toLowerCase();
  const base =
    lower
      .split('/')
      .pop()
      ?.replace(/\.[^.]+$/, '') ?? lower;
  const tokens = base.split(/[^a-z0-9]+/).filter(Boolean);
  const byName = candidates.filter((k) =>
    KIND_WORDS.find((w) => w.id === k)?.aliases.some(
      (a) => !a.includes(' ') && tokens.some((t) => t === a || (a.length >= 4 && t.startsWith(a))),
    ),
  );
  if (byName.length === 1) return byName[0];
  const byExt = candidates.filter((k) => expectedExtensions(k).some((e) => lower.endsWith(e)));
  return byExt.length === 1 ? byExt[0] : undefined;
}

/** Step "data": add a file, pick one, create one from a template, allow defaults, or go on. */
export function parseData(text: string, answers: WizardAnswers): StepOutcome {
  const used = kindsInUse(answers.suites ?? []);
  const n = normalize(text);
  const path = /(?:^|\s)((?:\.{0,2}\/)?[\w@.\-/\\]+\.(?:jsonl|ndjson|jsonlines|json|ya?ml|txt|csv))(?=\s|$)/i.exec(text)?.[1];
  const { found } = findAliases(path ? text.replace(path, ' ') : text, KIND_WORDS);
  const kind = found.find((k) => used.includes(k)) ?? found[0];
  const onlyMissing = used.filter((k) => !answers.data?.[k]);
  if (path) {
    const k = kind ?? kindOfPath(path, used);
    if (!k) return reject(`Which data is ${path}? Say for example “qaset ${path}”.`);
    return accept({}, { stay: true, effect: { kind: 'validateData', dataKind: k, path } });
  }
  if (/\b(no|dont|don t|disallow|without|disable|turn off|stop using)\b.*\b(defaults?|built[ -]?in)\b/.test(n)) {
    return accept({ useDefaults: false }, { stay: true, reply: 'Default datasets are off: required data must come from your files.' });
  }
  if (
    /\b(defaults?|built[ -]?in|builtin|allow defaults?|sample data|demo data)\b/.test(n) &&
    !/\b(pick|upload|browse|choose|create|template|new)\b/.test(n)
  ) {
    return accept({ useDefaults: true }, { reply: 'Missing data falls back to the built-in datasets.' });
  }
  const wantsPick = /\b(pick|upload|browse|choose|select|open|add|my own|own file|from file|file)\b/.test(n);
  const wantsCreate = /\b(create|template|new|starter|scaffold|generate|make)\b/.test(n);
  if (wantsPick || wantsCreate) {
    const k = kind ?? (onlyMissing.length === 1 ? onlyMissing[0] : used.length === 1 ? used[0] : undefined);
    if (!k)
      return reject(
        `For which data? The suites use ${used.join(', ')}. Say for example “${wantsCreate ? 'create' : 'pick'} ${used[0] ?? 'qaset'}”.`,
      );
    if (!used.includes(k)) return reject(`None of the chosen suites uses ${k}; they use ${used.join(', ') || 'no dataset'}.`);
    return accept({}, { stay: true, effect: wantsCreate ? { kind: 'createData', dataKind: k } : { kind: 'pickData', dataKind: k } });
  }
  if (/\b(remove|clear|drop|forget|unset)\b/.test(n)) {
    if (!kind || !answers.data?.[kind])
      return reject(`Which dataset should be removed? The profile has ${Object.keys(answers.data ?? {}).join(', ') || 'none yet'}.`);
    const data = { ...answers.data };
    delete data[kind];
    return accept(
      { data },
      { stay: true, reply: `Removed ${kind}; ${answers.useDefaults ? 'the built-in one is used' : 'it is missing now'}.` },
    );
  }
  if (
    isSkip(text) ||
    yesNo(text) === 'yes' ||
    /^(done|continue|go on|next|proceed|finished|that s all|thats all|looks good|all good|good|fine|ready)$/.test(n)
  ) {
    const missing = missingRequired(answers);
    if (missing.length)
      return reject(
        `The run would be blocked: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required and default datasets are off. Pick or create ${missing.length === 1 ? 'it' : 'them'}, or answer “use defaults”.`,
      );
    return accept({});
  }
  return reject(
    `I did not understand “${text.trim()}”. Type a file path (e.g. data/qaset.jsonl), “pick qaset”, “create passages”, “use defaults”, or “done”.`,
  );
}

/** Step "connection": test again, go on, or change the target. */
export function parseConnection(text: string, answers: WizardAnswers): StepOutcome {
  const n = normalize(text);
  if (/\b(test|again|retry|re test|retest|try again|check|ping)\b/.test(n))
    return accept({}, { stay: true, effect: { kind: 'testConnection' } });
  if (/\b(change|edit|fix|back|different|wrong)\b/.test(n)) return accept({}, { goTo: answers.mode === 'builtin' ? 'mode' : 'endpoint' });
  if (
    isSkip(text) ||
    yesNo(text) === 'yes' ||
    /^(continue|go on|next|proceed|looks good|fine|good|done|ignore|anyway|continue anyway)$/.test(n)
  )
    return accept({});
  return reject('Answer “test again”, “continue”, or “change the target”.');
}

const STEP_WORDS: { id: WizardStepId; aliases: string[] }[] = [
  { id: 'mode', aliases: ['mode', 'target', 'target mode'] },
  { id: 'endpoint', aliases: ['endpoint', 'url', 'address', 'base url', 'command', 'server'] },
  { id: 'protocol', aliases: ['protocol'] },
  { id: 'httpTemplate', aliases: ['template', 'request', 'http template'] },
  { id: 'mcpTool', aliases: ['tool', 'mcp tool'] },
  { id: 'auth', aliases: ['auth', 'key', 'api key', 'token', 'authentication'] },
  { id: 'provider', aliases: ['provider'] },
  { id: 'model', aliases: ['model'] },
  { id: 'suites', aliases: ['suites', 'suite'] },
  { id: 'thresholds', aliases: ['thresholds', 'threshold'] },
  { id: 'volumes', aliases: ['volumes', 'volume', 'profile', 'preset'] },
  { id: 'resilience', aliases: ['resilience'] },
  { id: 'compliance', aliases: ['compliance'] },
  { id: 'bias', aliases: ['bias'] },
  { id: 'data', aliases: ['data', 'datasets', 'test data', 'files'] },
  { id: 'connection', aliases: ['connection', 'connection test'] },
];

/** A profile file name from an answer: adds `.aiqk.yaml` when missing; refuses paths leaving the folder. */
export function profileFileName(input: string): { name: string } | { error: string } {
  let name = input
    .trim()
    .replace(/^["'`]|["'`]$/g, '')
    .replace(/\\/g, '/');
  if (!name) return { error: 'The file name is empty.' };
  if (name.startsWith('/') || /^[a-z]:/i.test(name) || name.split('/').includes('..'))
    return { error: 'The profile goes inside the workspace folder: give a name or a relative path without “..”.' };
  if (!/^[\w@+.\-/ ]+$/.test(name)) return { error: `“${name}” has characters a file name should not have.` };
  if (!/\.ya?ml$/i.test(name)) name = `${name}.aiqk.yaml`;
  if (!isProfileFileName(name)) name = name.replace(/\.ya?ml$/i, '.aiqk.yaml');
  return { name };
}

/** Step "summary": write (and run), choose another file name, or go back to a step. */
export function parseSummary(text: string): StepOutcome {
  const n = normalize(text);
  const named =
    /\b(?:save|write)\s+(?:it\s+)?(?:as|to|into)\s+(\S+)|\b(?:name|call)\s+(?:it\s+)?(\S+)|\b(?:file(?:\s*name)?|filename)\s*(?:is|=|:)?\s+(\S+)/i.exec(
      text,
    ) ?? (/^\S+\.ya?ml$/i.test(text.trim()) ? [text.trim(), text.trim()] : null);
  if (named) {
    const f = profileFileName(named.slice(1).find((x) => x !== undefined) ?? '');
    if ('error' in f) return reject(f.error);
    return accept({ fileName: f.name }, { stay: true, reply: `The profile will be written to ${f.name}.` });
  }
  if (/\b(edit|change|back to|go to|fix|redo)\b/.test(n)) {
    const { found } = findAliases(n.replace(/\b(edit|change|back to|go to|fix|redo|the)\b/g, ' '), STEP_WORDS);
    if (found[0]) return accept({}, { goTo: found[0] });
    return reject('Which step? For example “edit suites” or “change the model”.');
  }
  if (
    /\b(write only|only write|just write|save only|just save|dont run|don t run|do not run|no run|without running|not now|later)\b/.test(
      n,
    ) ||
    /^(write|save)( it| the profile)?$/.test(n)
  ) {
    return accept({}, { stay: true, effect: { kind: 'finish', run: false } });
  }
  if (yesNo(text) === 'yes' || /\b(run|start|finish|go|launch|write and run|save and run|do it|let s go|lets go|ready)\b/.test(n)) {
    return accept({}, { stay: true, effect: { kind: 'finish', run: true } });
  }
  if (yesNo(text) === 'no')
    return reject(
      'Nothing is written yet. Say “write” to save the profile without running, “edit <step>” to change an answer, or “reset” to start over.',
    );
  return reject(
    'Say “run” to write the profile and start a first run, “write” to only save it, “save as name.aiqk.yaml”, or “edit suites” to change an answer.',
  );
}
