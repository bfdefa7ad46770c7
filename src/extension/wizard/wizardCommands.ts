// The wizard's actions as commands of their own (VS Code's UX guidelines
// discourage wizard-only flows): test a profile's connection, add a dataset
// to a profile. Setting a key, using the built-in datasets, showing the
// requirements and running have their commands already.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseProfile } from '../../engine/config/loadProfile';
import type { DataKind } from '../../engine/model/dataKinds';
import { isDataKind } from '../../engine/model/dataKinds';
import { computeRequirementMatrix } from '../../engine/requirements/requirements';
import { providedKinds } from '../../engine/config/resolve';
import { buildProfile } from '../../engine/wizard/buildProfile';
import type { ConnectionResult } from '../../engine/wizard/connectionTest';
import { testConnection } from '../../engine/wizard/connectionTest';
import { kindsInUse } from '../../engine/wizard/parseFinish';
import { updateProfileYaml } from '../../engine/wizard/profileYaml';
import { answersFromProfile } from '../../engine/wizard/readProfile';
import { clip } from '../../engine/wizard/textMatch';
import { COMMANDS } from '../core/constants';
import { profileText, resolveProfileArg } from '../profiles/profilePick';
import type { SecretResolver } from '../secrets/secretLookup';
import { checkDataFile, createDataset } from './wizardData';

async function validProfile(
  arg: unknown,
  placeHolder: string,
): Promise<
  { uri: vscode.Uri; text: string; value: unknown; profile: NonNullable<ReturnType<typeof parseProfile>['profile']> } | undefined
> {
  const uri = await resolveProfileArg(arg, placeHolder);
  if (!uri) return undefined;
  const text = await profileText(uri);
  if (text === undefined) {
    void vscode.window.showErrorMessage(`Cannot read ${vscode.workspace.asRelativePath(uri)}.`);
    return undefined;
  }
  const parsed = parseProfile(text, uri.fsPath);
  if (!parsed.profile) {
    void vscode.window
      .showErrorMessage(`${path.basename(uri.fsPath)} has errors; fix them first (see the Problems panel).`, 'Open Profile')
      .then((p) => {
        if (p) void vscode.window.showTextDocument(uri);
      });
    return undefined;
  }
  return { uri, text, value: parsed.value, profile: parsed.profile };
}

/** "Test Connection": one real question to a profile's target; shows latency and answer. */
export async function testConnectionCommand(secrets: SecretResolver, arg?: unknown): Promise<ConnectionResult | undefined> {
  const p = await validProfile(arg, 'Run profile whose target to test');
  if (!p) return undefined;
  if (p.profile.target.mode === 'mcp' && p.profile.target.mcp?.command && !vscode.workspace.isTrusted) {
    void vscode.window
      .showWarningMessage(
        'The workspace is not trusted, so the MCP server’s command is not started. Trust the workspace to test this target.',
        'Manage Workspace Trust',
      )
      .then((x) => {
        if (x) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    return undefined;
  }
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Testing the connection of ${path.basename(p.uri.fsPath)}…`,
      cancellable: true,
    },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return testConnection(p.profile, p.uri.fsPath, { secrets: secrets.lookup, signal: abort.signal });
    },
  );
  if (result.ok) {
    void vscode.window.showInformationMessage(
      `Connected: ${result.target} answered in ${result.latencyMs} ms: “${clip(result.answer ?? '', 140)}”`,
    );
  } else {
    void vscode.window
      .showErrorMessage(`The target did not answer: ${result.error ?? 'unknown error'}`, 'Open Profile', 'Set API Key')
      .then((x) => {
        if (x === 'Open Profile') void vscode.window.showTextDocument(p.uri);
        else if (x === 'Set API Key') void vscode.commands.executeCommand(COMMANDS.setApiKey, p.uri);
      });
  }
  return result;
}

async function chooseKind(
  p: { profile: NonNullable<ReturnType<typeof parseProfile>['profile']> },
  given: unknown,
): Promise<DataKind | undefined> {
  if (typeof given === 'string' && isDataKind(given)) return given;
  const used = kindsInUse(p.profile.suites);
  const rows = computeRequirementMatrix(p.profile.suites, providedKinds(p.profile), p.profile.use_defaults ?? true);
  const items = used.map((k) => {
    const mine = rows.filter((r) => r.kind === k && r.level !== 'not_used');
    const required = mine.some((r) => r.level === 'required');
    const status = p.profile.data?.[k]
      ? `now ${p.profile.data[k]}`
      : mine[0]?.status === 'using_defaults'
        ? 'using the built-in one'
        : 'missing';
    return {
      label: k,
      description: `${required ? 'required' : 'optional'} · ${status}`,
      detail: `Used by ${mine.map((r) => r.suite).join(', ')}`,
      dataKind: k,
    };
  });
  if (items.length === 0) {
    void vscode.window.showInformationMessage('The suites of this profile use no dataset.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Which data should the profile use a file for?' });
  return pick?.dataKind;
}

/**
 * "Add Dataset to Profile…": picks (or creates from the built-in template) a
 * data file, checks it as the diagnostics do, and sets `data.<kind>` in the
 * profile (comments and order kept). Arguments (profile, kind, file or
 * 'template') skip the prompts. Returns the path written into the profile.
 */
export async function addDatasetCommand(arg?: unknown, kindArg?: unknown, fileArg?: unknown): Promise<string | undefined> {
  const p = await validProfile(arg, 'Run profile to add a dataset to');
  if (!p) return undefined;
  const kind = await chooseKind(p, kindArg);
  if (!kind) return undefined;
  const dir = path.dirname(p.uri.fsPath);
  let file = typeof fileArg === 'string' && fileArg !== 'template' ? fileArg : undefined;
  let template = fileArg === 'template';
  if (!file && !template) {
    const how = await vscode.window.showQuickPick(
      [
        { label: 'Pick a file…', id: 'pick' },
        { label: 'Create from the built-in template', id: 'template', detail: 'A small valid file to replace with your own data' },
      ],
      { placeHolder: `Where does the ${kind} data come from?` },
    );
    if (!how) return undefined;
    template = how.id === 'template';
    if (!template) {
      const picked = await vscode.window.showOpenDialog({
        defaultUri: vscode.Uri.file(dir),
        canSelectMany: false,
        openLabel: `Use as ${kind}`,
        title: `Pick the ${kind} file`,
      });
      file = picked?.[0]?.fsPath;
      if (!file) return undefined;
    }
  }
  if (template) file = (await createDataset(kind, dir)).absolute;
  const report = await checkDataFile(kind, dir, file as string);
  if (!report.ok) {
    void vscode.window.showErrorMessage(`${kind}: ${report.summary}${report.problems[0] ? ` ${report.problems[0]}` : ''}`);
    return undefined;
  }
  const answers = answersFromProfile(p.value, path.basename(p.uri.fsPath));
  const newText = updateProfileYaml(p.text, buildProfile({ ...answers, data: { ...answers.data, [kind]: report.relative } }, p.value));
  const doc = await vscode.workspace.openTextDocument(p.uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(p.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), newText);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await doc.save())) {
    void vscode.window.showErrorMessage(`Could not update ${path.basename(p.uri.fsPath)}.`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`data.${kind}: ${report.summary}`, 'Open File').then((x) => {
    if (x) void vscode.window.showTextDocument(vscode.Uri.file(report.absolute));
  });
  return report.relative;
}
