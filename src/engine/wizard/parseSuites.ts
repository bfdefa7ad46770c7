// Reading a choice of suites: "all", "all except resilience", "rag and red team",
// "recommended", suite names with typos. Unknown words are named back.
import type { SuiteName } from '../model/suiteNames';
import { SUITE_NAMES } from '../model/suiteNames';
import { RECOMMENDED_SUITES } from './answers';
import { SUITE_INFO } from './catalog';
import type { StepOutcome } from './outcome';
import { accept, reject } from './outcome';
import { findAliases, isSkip, normalize, withoutFiller } from './textMatch';

const TABLE = SUITE_NAMES.map((id) => ({ id, aliases: [id.replace(/_/g, ' '), ...SUITE_INFO[id].aliases] }));
const ALL = /\b(all|every|everything|each|whole lot|full set|all of them|all suites|the lot)\b/;
const RECOMMENDED = /\b(recommended|the usual|usual|default|defaults|standard|basic|basics|starter|suggested|typical|common)\b/;
const EXCEPT =
  /\b(except(?: for)?|but not|but|without|excluding|exclude|minus|apart from|other than|save|not|no|skip|skipping|leave out|leaving out|drop)\b/;

function pick(text: string): { found: SuiteName[]; unknown: string } {
  const { found, rest } = findAliases(text, TABLE);
  return {
    found,
    unknown: withoutFiller(rest, [
      'all',
      'every',
      'everything',
      'each',
      'suites',
      'recommended',
      'except',
      'but',
      'without',
      'not',
      'no',
      'except',
      'for',
      'from',
      'those',
      'these',
      'ones',
      'others',
      'rest',
      'too',
      'as',
      'well',
      'smoke',
      'usual',
      'default',
      'defaults',
      'standard',
      'basic',
      'basics',
      'starter',
      'suggested',
      'typical',
      'common',
      'set',
      'lot',
      'whole',
    ]),
  };
}

/** Puts suites in execution order without duplicates. */
export function orderedSuites(list: readonly SuiteName[]): SuiteName[] {
  return SUITE_NAMES.filter((s) => list.includes(s));
}

/** Step "suites": which quality suites the profile runs. */
export function parseSuites(text: string): StepOutcome {
  const n = normalize(text);
  if (n === '' || /^(none|nothing|no suites?|zero)$/.test(n))
    return reject('Choose at least one suite: a run needs something to test. “Recommended” picks RAG quality, red team and safety.');
  if (isSkip(text) && !RECOMMENDED.test(n))
    return accept({ suites: [...RECOMMENDED_SUITES] }, { reply: 'Using the recommended suites: rag_quality, red_team and safety.' });
  const split = EXCEPT.exec(` ${n} `.replace(/\s+/g, ' '));
  const includePart = split ? n.slice(0, Math.max(0, split.index - 1)) : n;
  const excludePart = split ? n.slice(split.index - 1 + split[0].length) : '';
  const include = pick(includePart);
  const exclude = pick(excludePart);
  const unknown = [include.unknown, exclude.unknown].filter(Boolean).join(' ');
  if (unknown && !/^[\s.!]*$/.test(unknown)) {
    const words = unknown.split(/\s+/).filter(Boolean);
    return reject(
      `I do not know the suite${words.length > 1 ? 's' : ''} “${words.join(' ')}”. The suites are ${SUITE_NAMES.join(', ')} (or say “all”, “recommended”, “all except resilience”).`,
    );
  }
  let base: SuiteName[];
  if (ALL.test(includePart) || (split && include.found.length === 0 && !RECOMMENDED.test(includePart))) base = [...SUITE_NAMES];
  else if (RECOMMENDED.test(includePart)) base = [...RECOMMENDED_SUITES, ...include.found];
  else base = include.found;
  if (split && exclude.found.length === 0) {
    return reject(`Which suites should be left out? Name them after “${split[0]}”, e.g. “all except resilience”.`);
  }
  const suites = orderedSuites(base.filter((s) => !exclude.found.includes(s)));
  if (suites.length === 0) {
    return base.length > 0
      ? reject('That leaves no suite at all. Choose at least one.')
      : reject(`I could not find a suite in “${text.trim()}”. The suites are ${SUITE_NAMES.join(', ')}; “all” and “recommended” work too.`);
  }
  return accept({ suites });
}
