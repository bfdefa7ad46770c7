// A local run profile made ready for the team server: each local data file is uploaded
// (POST /testdata) and its entry rewritten to `testdata:<id>`, and `report.dir` (a
// local folder the server refuses) is commented out. No path of this machine is sent.
// Edits keep every line where it was, so the server's located problems point at the
// user's own file. Secrets stay names: the server resolves them from its environment.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Node, Pair, YAMLMap } from 'yaml';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { isInlineBiasGroups } from '../../engine/config/resolve';
import type { DataKind } from '../../engine/model/dataKinds';
import { isDataKind } from '../../engine/model/dataKinds';
import type { ServerProblem } from './serverClient';

/** Uploads one data file; resolves with its `testdata:<id>` reference. */
export type UploadData = (kind: DataKind, bytes: Uint8Array, fileName: string) => Promise<string>;

/** Where a profile's data may come from. */
export interface RemoteProfileOptions {
  /** The workspace folder; data files outside it are refused unless `allowOutside`. */
  workspaceRoot?: string;
  allowOutside?: boolean;
}

/** The profile text to send, with what was uploaded; or located problems. */
export type RemoteProfile =
  { ok: true; text: string; uploads: { kind: DataKind; file: string; ref: string }[] } | { ok: false; problems: ServerProblem[] };

/** Prepares `text` (the profile at `profilePath`) for the team server, uploading its data files with `upload`. */
export async function remoteProfile(
  text: string,
  profilePath: string,
  upload: UploadData,
  options: RemoteProfileOptions = {},
): Promise<RemoteProfile> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  // Unparsable YAML goes as it is: the server's check locates its problems.
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { ok: true, text, uploads: [] };
  const problems: ServerProblem[] = [];
  const problem = (node: Node | null | undefined, where: string, code: string, message: string): void => {
    const pos = node?.range ? lines.linePos(node.range[0]) : undefined;
    problems.push({ path: where, ...(pos ? { line: pos.line, column: pos.col } : {}), severity: 'error', code, message });
  };
  const edits: { start: number; end: number; text: string }[] = [];
  const uploads: { kind: DataKind; file: string; ref: string }[] = [];
  const data = doc.contents.get('data', true);
  if (isMap(data)) {
    for (const item of data.items) {
      const kind = isScalar(item.key) ? String(item.key.value) : '';
      const value = item.value;
      if (!isDataKind(kind) || !isScalar(value) || typeof value.value !== 'string' || !value.range) continue;
      const given = value.value;
      if (given.startsWith('testdata:') || (kind === 'bias_groups' && isInlineBiasGroups(given))) continue;
      const where = `data.${kind}`;
      const file = path.resolve(path.dirname(profilePath), given);
      if (options.workspaceRoot && !options.allowOutside && isOutside(options.workspaceRoot, file)) {
        problem(
          value,
          where,
          'data-outside-workspace',
          `${where}: ${given} is outside the workspace folder; it is not uploaded (see aiQualityKit.data.allowOutsideWorkspace)`,
        );
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        problem(
          value,
          where,
          'data-unreadable',
          `${where}: cannot read ${given} to upload it${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`,
        );
        continue;
      }
      let ref: string;
      try {
        ref = await upload(kind, bytes, path.basename(file));
      } catch (err) {
        const located = (err as { problems?: ServerProblem[] }).problems ?? [];
        if (located.length === 0) throw err;
        for (const p of located) problem(value, where, p.code, `${where}: ${given}${p.line ? ` line ${p.line}` : ''}: ${p.message}`);
        continue;
      }
      edits.push({ start: value.range[0], end: value.range[1], text: JSON.stringify(ref) });
      uploads.push({ kind, file, ref });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  let out = applyEdits(text, edits);
  out = withoutReportDir(out);
  return { ok: true, text: out, uploads };
}

function isOutside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel.startsWith('..') || path.isAbsolute(rel);
}

function applyEdits(text: string, edits: { start: number; end: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * Replaces `report.dir` by a comment (the whole `report` entry when dir is all it holds), keeping
 * the lines; a flow-style `report` is rewritten without it (its lines may move).
 */
export function withoutReportDir(text: string): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) return text;
  const reportPair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'report') as Pair<Node, Node> | undefined;
  const report = reportPair?.value;
  if (!reportPair || !isMap(report)) return text;
  const dirPair = (report as YAMLMap<Node, Node>).items.find((p) => isScalar(p.key) && p.key.value === 'dir');
  if (!dirPair) return text;
  if (report.flow) {
    doc.deleteIn(['report', 'dir']);
    if ((report as YAMLMap).items.length === 0) doc.delete('report');
    return doc.toString();
  }
  const pair = report.items.length === 1 ? reportPair : dirPair;
  const start = (pair.key as Node).range?.[0];
  const end = (pair.value as Node | null)?.range?.[1] ?? (pair.key as Node).range?.[1];
  if (start === undefined || end === undefined) return text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const body = text.slice(lineStart, end).replace(/\n$/, '');
  // Each line becomes a comment: the folder's name is not sent either.
  const kept = body.replace(
    /^(\s*).*$/gm,
    (_all, indent: string) => `${indent}# (${pair === reportPair ? 'report' : 'report.dir'}: a local folder, left out)`,
  );
  return text.slice(0, lineStart) + kept + text.slice(lineStart + body.length);
}
