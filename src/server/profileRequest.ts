// What a client may put in a profile sent to the server. The profile is checked by the same
// engine function as `aiqk run` (prepareRun); before that, this module maps `testdata:<id>`
// references to the stored files and refuses everything that would name a file or start a
// program on the server. Edits keep every line where it was, so the located messages of the
// check point at the client's own text.
import type { Node, Pair } from 'yaml';
import { isMap, isScalar, LineCounter, parseDocument, stringify } from 'yaml';
import { isInlineBiasGroups } from '../engine/config/resolve';
import type { DataKind } from '../engine/model/dataKinds';
import { DATA_KINDS } from '../engine/model/dataKinds';
import type { ApiProblem } from './apiProblem';
import type { TestdataStore } from './testdataStore';
import { isTestdataId } from './testdataStore';

/** The profile ready for prepareRun: its text with testdata references mapped, or why not. */
export type ServerProfile = { ok: true; text: string; testdata: Record<string, string> } | { ok: false; problems: ApiProblem[] };

/** The profile's text: YAML text as sent, or an object written out as YAML. */
export function profileText(profile: unknown): string {
  return typeof profile === 'string' ? profile : stringify(profile);
}

/** Keys that name a server path or a server program; refused in a profile sent to the server. */
const REFUSED: { keys: string[]; message: string }[] = [
  { keys: ['target', 'mcp', 'command'], message: 'the server does not start programs named by a client; reach the MCP server by url' },
  { keys: ['target', 'mcp', 'env'], message: 'the server does not start programs named by a client, so it has no environment to give' },
  { keys: ['report', 'dir'], message: 'the server keeps reports in its own folder; download them from /orchestrator/report/{run_id}' },
  {
    keys: ['suite_options', 'regression', 'baseline'],
    message: 'the server takes no file paths; the baseline is the newest finished run with the same profile_name',
  },
];

/** Maps `testdata:<id>` to stored files and refuses server paths. Unparsable YAML passes through for the check to report. */
export function serverProfile(text: string, store: TestdataStore): ServerProfile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { ok: true, text, testdata: {} };
  const problems: ApiProblem[] = [];
  const at = (node: Node | null | undefined, keyPath: string, code: string, message: string): void => {
    const pos = node?.range ? lines.linePos(node.range[0]) : undefined;
    problems.push({ path: keyPath, ...(pos ? { line: pos.line, column: pos.col } : {}), severity: 'error', code, message });
  };
  for (const rule of REFUSED) {
    const pair = pairAt(doc.contents as Node, rule.keys);
    if (pair) at(pair.key as Node, rule.keys.join('.'), 'server-refused-key', `${rule.keys.join('.')}: ${rule.message}`);
  }
  const edits: { start: number; end: number; text: string }[] = [];
  const testdata: Record<string, string> = {};
  const data = (doc.contents as { get(k: string, keep: true): unknown }).get('data', true);
  if (isMap(data)) {
    for (const item of data.items) {
      const kind = isScalar(item.key) ? String(item.key.value) : '';
      if (!(DATA_KINDS as readonly string[]).includes(kind) || !isScalar(item.value) || typeof item.value.value !== 'string') continue;
      const value = item.value.value;
      const keyPath = `data.${kind}`;
      if (kind === 'bias_groups' && isInlineBiasGroups(value)) continue;
      if (!value.startsWith('testdata:')) {
        at(
          item.value,
          keyPath,
          'server-path',
          `${keyPath}: the server reads no file named by a client; upload it to POST /testdata and write testdata:<id>`,
        );
        continue;
      }
      const id = value.slice('testdata:'.length);
      const stored = isTestdataId(id) ? store.get(id, kind as DataKind) : undefined;
      if (!stored) {
        const kinds = isTestdataId(id) ? store.kindsOf(id) : [];
        const why = !isTestdataId(id)
          ? 'is not a testdata id (64 hex digits, as POST /testdata answered)'
          : kinds.length > 0
            ? `was uploaded as ${kinds.join(', ')}, not ${kind}`
            : 'was not uploaded to this server';
        at(item.value, keyPath, 'testdata-unknown', `${keyPath}: ${value} ${why}`);
        continue;
      }
      const range = item.value.range;
      if (range) edits.push({ start: range[0], end: range[1], text: JSON.stringify(stored.fileName) });
      testdata[stored.fileName] = value;
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { ok: true, text: out, testdata };
}

function pairAt(root: Node, keys: readonly string[]): Pair | undefined {
  let node: unknown = root;
  let found: Pair | undefined;
  for (const key of keys) {
    if (!isMap(node)) return undefined;
    found = node.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined;
    if (!found) return undefined;
    node = found.value;
  }
  return found;
}
