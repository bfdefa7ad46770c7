// Where a case of the Test Explorer comes from (its dataset line) and how to
// name it for a person. No vscode here: the testing room turns it into items.
import * as fs from 'node:fs/promises';
import type { ResolvedProfile } from '../../engine/config/resolve';
import { resolveProfile } from '../../engine/config/resolve';
import { loadProfile } from '../../engine/config/loadProfile';
import { defaultDatasetPath } from '../../engine/data/defaults';
import { loadDataset } from '../../engine/data/validateDataFile';
import type { Attack, QaItem } from '../../engine/model/dataTypes';
import type { SuiteName } from '../../engine/model/suiteNames';

/** A case as the Test Explorer shows it: a readable label and, when there is one, its dataset line. */
export interface CaseView {
  label: string;
  /** Absolute file and 1-based line of the record the case comes from. */
  location?: { file: string; line: number };
}

/** Names and places the cases of one profile. */
export type CaseLocator = (suite: SuiteName, caseId: string) => CaseView | undefined;

const LABEL_MAX = 60;

/** A text on one line, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max = LABEL_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The first words of a prompt, for a label (about six words). */
export function firstWords(text: string, words = 6): string {
  const all = text.replace(/\s+/g, ' ').trim().split(' ');
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : all.join(' ');
}

interface Sources {
  qaset?: { file: string; byQid: Map<string, QaItem> };
  attacks?: { file: string; list: Attack[] };
  bias?: { file: string; lines: string[]; inline?: number };
}

function fileOf(profile: ResolvedProfile, kind: 'qaset' | 'attacks' | 'bias_groups'): string | undefined {
  const source = profile.data[kind];
  return source.kind === 'file' ? source.path : source.kind === 'default' ? defaultDatasetPath(kind) : undefined;
}

async function loadSources(profile: ResolvedProfile, biasLine: number | undefined): Promise<Sources> {
  const sources: Sources = {};
  const qaFile = fileOf(profile, 'qaset');
  const attacksFile = fileOf(profile, 'attacks');
  const biasFile = fileOf(profile, 'bias_groups');
  await Promise.all([
    qaFile &&
      loadDataset('qaset', qaFile)
        .then((d) => (sources.qaset = { file: qaFile, byQid: new Map(d.records.map((r) => [r.qid, r])) }))
        .catch(() => undefined),
    attacksFile &&
      loadDataset('attacks', attacksFile)
        .then((d) => (sources.attacks = { file: attacksFile, list: d.records }))
        .catch(() => undefined),
    biasFile &&
      fs
        .readFile(biasFile, 'utf8')
        .then((t) => (sources.bias = { file: biasFile, lines: t.split(/\r?\n/) }))
        .catch(() => undefined),
  ]);
  if (profile.data.bias_groups.kind === 'inline' && biasLine) sources.bias = { file: profile.file, lines: [], inline: biasLine };
  return sources;
}

/** The 1-based line of a bias pair `a|b` in a bias groups file (pairs are `;`-separated on a line). */
export function biasPairLine(lines: readonly string[], a: string, b: string): number | undefined {
  const i = lines.findIndex(
    (l) =>
      !l.trim().startsWith('#') &&
      l.split(';').some((pair) => {
        const [x, y] = pair.split('|').map((s) => s.trim());
        return x === a && y === b;
      }),
  );
  return i < 0 ? undefined : i + 1;
}

/** Names and places a case from the sources loaded (pure: the unit tests call it). */
function viewOf(sources: Sources, suite: SuiteName, caseId: string): CaseView | undefined {
  const rest = caseId.startsWith(`${suite}:`) ? caseId.slice(suite.length + 1) : caseId;
  const qa = (qid: string, prefix = ''): CaseView | undefined => {
    const r = sources.qaset?.byQid.get(qid);
    if (!r) return undefined;
    return { label: `${prefix}${oneLine(r.question)}`, ...(r.line ? { location: { file: sources.qaset!.file, line: r.line } } : {}) };
  };
  switch (suite) {
    case 'rag_quality':
    case 'regression':
      return qa(rest);
    case 'performance': {
      const m = /^(r\d+):(.+)$/.exec(rest);
      return m ? qa(m[2]!, `${m[1]} · `) : undefined;
    }
    case 'red_team': {
      const m = /^(\d+):(.+)$/.exec(rest);
      const attack = m ? sources.attacks?.list[Number(m[1]) - 1] : undefined;
      if (!m || !attack) return undefined;
      return { label: `${firstWords(attack.prompt)} · ${m[2]}`, location: { file: sources.attacks!.file, line: attack.line } };
    }
    case 'bias_smoke': {
      const m = /^([^:]+):(.+)\|(.+)$/.exec(rest);
      if (!m) return undefined;
      const label = `${m[2]} vs ${m[3]} · ${m[1]}`;
      const b = sources.bias;
      const line = b?.inline ?? (b ? biasPairLine(b.lines, m[2]!, m[3]!) : undefined);
      return { label, ...(b && line ? { location: { file: b.file, line } } : {}) };
    }
    default:
      return undefined;
  }
}

/**
 * Loads what names and places the cases of a profile: its qaset, attacks and
 * bias groups (the profile's files or the built-in ones). `biasInlineLine` is
 * the profile's line of inline `data.bias_groups`. Undefined when the profile
 * does not load.
 */
export async function caseLocator(profileFile: string, biasInlineLine?: number): Promise<CaseLocator | undefined> {
  const parsed = await loadProfile(profileFile).catch(() => undefined);
  if (!parsed?.profile) return undefined;
  const sources = await loadSources(resolveProfile(parsed.profile, profileFile), biasInlineLine);
  return (suite, caseId) => viewOf(sources, suite, caseId);
}
