import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DatasetCache } from '../../engine/config/checkProfile';
import { checkProfile } from '../../engine/config/checkProfile';
import type { ParsedProfile } from '../../engine/config/loadProfile';
import { isProfileFileName, parseProfile } from '../../engine/config/loadProfile';
import { isInlineBiasGroups } from '../../engine/config/resolve';
import type { Problem, ProblemFix } from '../../engine/model/problem';
import { DATA_KINDS } from '../../engine/model/dataKinds';
import { datasetProblemsForRun } from '../../engine/prepare/judgeRun';
import { CONFIG_SECTION, EXCLUDE_GLOB, PROFILE_GLOB } from '../core/constants';
import { toDiagnostic } from './toDiagnostic';
import { dataPlaceOptions } from '../core/dataPlace';

/** A diagnostic with the fix the engine proposed for it. */
export interface FixableDiagnostic {
  diagnostic: vscode.Diagnostic;
  fix: ProblemFix;
  problem: Problem;
}

/**
 * Keeps diagnostics of every run profile in the workspace (open or not) and of
 * the datasets they reference: refreshed as a profile or a referenced dataset is
 * edited (debounced, stale results dropped; an unsaved dataset is checked as the
 * editor holds it) and when either changes on disk.
 */
export class ProfileDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('aiQualityKit');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly fixes = new Map<string, FixableDiagnostic[]>();
  private readonly references = new Map<string, Set<string>>();
  private readonly datasetOwners = new Map<string, Set<string>>();
  // The latest validation started per profile (from one counter, so a profile
  // deleted and created again never reuses a number an older validation holds).
  private readonly generations = new Map<string, number>();
  private validations = 0;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly cache: DatasetCache = new Map();
  private readonly pending = new Set<Promise<void>>();
  /** Datasets whose diagnostics come from an editor's unsaved text. */
  private readonly fromUnsaved = new Set<string>();

  constructor(private readonly helpLink: (code: string) => vscode.Uri) {
    const profiles = vscode.workspace.createFileSystemWatcher(PROFILE_GLOB);
    const files = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      profiles,
      files,
      profiles.onDidCreate((u) => this.schedule(u, 0)),
      profiles.onDidChange((u) => {
        if (!this.openDocument(u)) this.schedule(u, 0);
      }),
      profiles.onDidDelete((u) => this.forget(u)),
      files.onDidCreate((u) => this.datasetChanged(u)),
      files.onDidChange((u) => this.datasetChanged(u)),
      files.onDidDelete((u) => this.datasetChanged(u)),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e.document)),
      // A dataset closed without saving is back to what the disk holds (others need no new check).
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === 'file' && this.fromUnsaved.delete(d.uri.fsPath)) this.datasetChanged(d.uri);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (this.isProfile(d.uri)) this.schedule(d.uri, 0);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(CONFIG_SECTION)) void this.refreshAll();
      }),
    );
  }

  /** Validates every profile of the workspace. */
  refreshAll(): Promise<void> {
    const run = (async () => {
      if (!this.enabled()) {
        this.collection.clear();
        this.fixes.clear();
        return;
      }
      const found = await vscode.workspace.findFiles(PROFILE_GLOB, EXCLUDE_GLOB);
      // Profiles open from outside the search (another folder, an excluded one) are checked again too:
      // a setting such as data.allowOutsideWorkspace changes their diagnostics as well.
      const open = vscode.workspace.textDocuments.filter((d) => this.isProfile(d.uri)).map((d) => d.uri);
      const uris = [...new Map([...found, ...open].map((u) => [u.toString(), u])).values()];
      this.cache.clear();
      await Promise.all(uris.map((u) => this.validate(u)));
    })();
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
    return run;
  }

  /** Resolves when no validation is pending (tests and commands wait on it). */
  async whenIdle(): Promise<void> {
    while (this.timers.size > 0 || this.pending.size > 0) {
      await Promise.all([...this.pending]);
      if (this.timers.size > 0) await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The fixes proposed for diagnostics of a document. */
  fixesFor(uri: vscode.Uri): readonly FixableDiagnostic[] {
    return this.fixes.get(uri.toString()) ?? [];
  }

  private isProfile(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && isProfileFileName(uri.fsPath);
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('diagnostics.enabled', true);
  }

  private debounceMs(): number {
    return vscode.workspace.getConfiguration(CONFIG_SECTION).get<number>('diagnostics.debounceMs', 300);
  }

  private schedule(uri: vscode.Uri, delay: number): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.validate(uri);
      }, delay),
    );
  }

  private edited(doc: vscode.TextDocument): void {
    if (this.isProfile(doc.uri)) this.schedule(doc.uri, this.debounceMs());
    else if (doc.uri.scheme === 'file') this.datasetChanged(doc.uri, this.debounceMs());
  }

  private datasetChanged(uri: vscode.Uri, delay = 100): void {
    const file = uri.fsPath;
    for (const k of [...this.cache.keys()]) if (k.endsWith(`\u0000${file}`)) this.cache.delete(k);
    for (const [profile, refs] of this.references) {
      if (refs.has(file)) this.schedule(vscode.Uri.parse(profile), delay);
    }
  }

  /** The text of a dataset with unsaved edits in an editor, else undefined (the disk is read). */
  private unsavedText(file: string): string | undefined {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.isDirty && d.uri.fsPath === file);
    if (doc) this.fromUnsaved.add(file);
    else this.fromUnsaved.delete(file);
    return doc?.getText();
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.collection.delete(uri);
    this.fixes.delete(key);
    this.references.delete(key);
    // A validation still in flight for the deleted profile must not bring its diagnostics back.
    this.generations.delete(key);
    this.releaseDatasets(key, new Set());
  }

  /** Drops a profile's claim on the datasets it no longer reads; a dataset no profile reads loses its diagnostics. */
  private releaseDatasets(key: string, keep: ReadonlySet<string>): void {
    for (const [dataset, owners] of this.datasetOwners) {
      if (keep.has(dataset) || !owners.delete(key) || owners.size > 0) continue;
      this.datasetOwners.delete(dataset);
      const uri = vscode.Uri.file(dataset);
      this.collection.delete(uri);
      this.fixes.delete(uri.toString());
    }
  }

  private validate(uri: vscode.Uri): Promise<void> {
    const run = this.doValidate(uri).catch((err: unknown) => {
      console.error(`AI Quality Kit: validating ${uri.fsPath} failed`, err);
    });
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
    return run;
  }

  private async doValidate(uri: vscode.Uri): Promise<void> {
    if (!this.enabled()) return;
    const key = uri.toString();
    const generation = ++this.validations;
    this.generations.set(key, generation);
    const doc = this.openDocument(uri);
    let text: string;
    try {
      text = doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.forget(uri);
      return;
    }
    const parsed = parseProfile(text.replace(/^\uFEFF/, ''), uri.fsPath);
    const check = await checkProfile(parsed, {
      cache: this.cache,
      contentsOf: (file) => this.unsavedText(file),
      ...dataPlaceOptions(uri),
    });
    // A newer edit started while this one ran: its result wins.
    if (this.generations.get(key) !== generation) return;
    this.references.set(key, referencedFiles(parsed));
    const problems = [...parsed.problems, ...check.problems];
    const fixable: FixableDiagnostic[] = [];
    const diagnostics = problems.map((p) => {
      const d = toDiagnostic(p, this.helpLink);
      if (p.fix) fixable.push({ diagnostic: d, fix: p.fix, problem: p });
      return d;
    });
    this.collection.set(uri, diagnostics);
    this.fixes.set(key, fixable);
    // A dataset the profile stopped naming (or that was deleted) keeps no stale diagnostics.
    this.releaseDatasets(key, new Set(check.datasets.map((d) => d.file)));
    for (const dataset of check.datasets) {
      const owners = this.datasetOwners.get(dataset.file) ?? new Set<string>();
      owners.add(key);
      this.datasetOwners.set(dataset.file, owners);
      const dUri = vscode.Uri.file(dataset.file);
      const dFixable: FixableDiagnostic[] = [];
      // Counted as a run counts them (and as `aiqk validate` lists them): broken lines of a
      // dataset that still loads records are warnings, the run skips them.
      this.collection.set(
        dUri,
        datasetProblemsForRun(dataset).map((p) => {
          const d = toDiagnostic(p, this.helpLink);
          if (p.fix) dFixable.push({ diagnostic: d, fix: p.fix, problem: p });
          return d;
        }),
      );
      this.fixes.set(dUri.toString(), dFixable);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

/** Absolute paths of the dataset files a profile references (existing or not). */
function referencedFiles(parsed: ParsedProfile): Set<string> {
  const out = new Set<string>();
  const value = parsed.value as { data?: Record<string, unknown> } | undefined;
  const data = value && typeof value === 'object' ? value.data : undefined;
  if (!data || typeof data !== 'object') return out;
  for (const kind of DATA_KINDS) {
    const v = data[kind];
    if (typeof v !== 'string' || (kind === 'bias_groups' && isInlineBiasGroups(v))) continue;
    out.add(path.resolve(path.dirname(parsed.file), v));
  }
  return out;
}
