// Runs in VS Code's extension host with test/fixtures/workspaces/allProblems open (a
// copy): a schema-invalid profile and five broken datasets. One look at the Problems
// panel shows every problem, as `aiqk validate` does.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { AiQualityKitApi } from '../../src/extension/extension';
import { ALL_PROBLEMS } from './shared/allProblems';

const EXTENSION_ID = 'aiqk.ai-quality-kit';
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'AI Quality Kit');

describe('every problem of a broken folder at once', () => {
  it('shows each problem of the profile and of its five datasets, at its line and column', async () => {
    const api = await vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID)!.activate();
    const root = vscode.workspace.workspaceFolders![0].uri;
    const found = (p: (typeof ALL_PROBLEMS)[number]) =>
      ours(vscode.Uri.joinPath(root, p.file)).some(
        (d) =>
          codeOf(d) === p.code &&
          d.range.start.line + 1 === p.line &&
          d.range.start.character + 1 === p.column &&
          d.severity === (p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning),
      );
    // Validation is debounced and asynchronous: wait until it has settled, then look once.
    for (let i = 0; i < 150 && !ALL_PROBLEMS.every(found); i++) {
      await api.whenIdle();
      await new Promise((r) => setTimeout(r, 100));
    }
    const missing = ALL_PROBLEMS.filter((p) => !found(p));
    const shown = [...new Set(ALL_PROBLEMS.map((p) => p.file))].flatMap((f) =>
      ours(vscode.Uri.joinPath(root, f)).map((d) => `${f}:${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}`),
    );
    assert.deepEqual(
      missing.map((p) => `${p.file}:${p.line}:${p.column} ${p.code}`),
      [],
      `every problem is in the Problems panel; shown:\n${shown.join('\n')}`,
    );
    const notes = ours(vscode.Uri.joinPath(root, 'aiqk.yaml')).filter((d) => codeOf(d) === 'not-checked');
    assert.ok(
      notes.some((d) => d.severity === vscode.DiagnosticSeverity.Information && d.message.includes("'rag-quality'")),
      'a note says what could not be checked',
    );
  });

  it('removes a misspelt suite already listed under its right name, and removes a duplicate: no new error', async () => {
    const api = await vscode.extensions.getExtension<AiQualityKitApi>(EXTENSION_ID)!.activate();
    const root = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(root, 'listed.aiqk.yaml');
    const text = 'version: 1\ntarget:\n  mode: builtin\nsuites: [rag_quality, rag-quality, safety, safety]\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const doc = await vscode.workspace.openTextDocument(uri);
    const until = async (pred: (ds: vscode.Diagnostic[]) => boolean, what: string) => {
      for (let i = 0; i < 150; i++) {
        await api.whenIdle();
        if (pred(ours(uri))) return ours(uri);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}: ${ours(uri).map(codeOf).join(', ')}`);
    };
    const fix = async (code: string, title: string) => {
      const d = (await until((ds) => ds.some((x) => codeOf(x) === code), code)).find((x) => codeOf(x) === code)!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const action = actions.find((a) => a.title === title);
      assert.ok(action?.edit, `"${title}" is offered; got: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
    };
    await fix('unknown-suite', "Remove 'rag-quality' (rag_quality is already listed)");
    assert.equal(doc.lineAt(3).text, 'suites: [rag_quality, safety, safety]');
    await fix('duplicate-suite', "Remove the second 'safety'");
    assert.equal(doc.lineAt(3).text, 'suites: [rag_quality, safety]');
    await until((ds) => !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'no error left');
    await doc.save();
    await vscode.workspace.fs.delete(uri);
  });
});
