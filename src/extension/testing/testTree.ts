import * as vscode from 'vscode';
import { parseProfile } from '../../engine/config/loadProfile';
import type { SuiteName } from '../../engine/model/suiteNames';
import { isSuiteName, SUITE_NAMES } from '../../engine/model/suiteNames';
import { PROFILE_GLOB } from '../core/constants';
import { findProfileUris, profileText } from '../profiles/profilePick';
import type { CaseLocator } from './caseLocator';
import { caseLocator } from './caseLocator';
import { onDidAddProfile } from '../core/profileEvents';

/** What a Test Explorer item stands for. */
export interface TestItemData {
  kind: 'profile' | 'suite' | 'case';
  profileUri: vscode.Uri;
  suite?: SuiteName;
  caseId?: string;
}

/** The id of a profile's, suite's or case's item (stable across refreshes, so results stay attached). */
export function testItemId(profileUri: vscode.Uri, suite?: SuiteName, caseId?: string): string {
  return `${profileUri.toString()}${suite ? `#${suite}` : ''}${caseId ? `/${caseId}` : ''}`;
}

/**
 * The Test Explorer tree: one item per run profile of the workspace, its suites
 * as children (placed on their line of the profile), and cases created as
 * results arrive. Refreshed when profiles are created, changed or deleted.
 */
export class TestTree implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('aiQualityKit', 'AI Quality');
  private readonly data = new WeakMap<vscode.TestItem, TestItemData>();
  private readonly disposables: vscode.Disposable[] = [this.controller];
  // What names and places each profile's cases, by profile uri (loaded before its results arrive).
  private readonly locators = new Map<string, CaseLocator>();

  constructor() {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.refreshAll();
    };
    this.controller.refreshHandler = async () => this.refreshAll();
    const watcher = vscode.workspace.createFileSystemWatcher(PROFILE_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => void this.refreshProfile(u)),
      onDidAddProfile((u) => void this.refreshProfile(u)),
      watcher.onDidChange((u) => void this.refreshProfile(u)),
      watcher.onDidDelete((u) => this.controller.items.delete(testItemId(u))),
    );
  }

  /** What an item stands for. */
  dataOf(item: vscode.TestItem): TestItemData | undefined {
    return this.data.get(item);
  }

  /** Finds every profile of the workspace and updates their items. */
  async refreshAll(): Promise<void> {
    const uris = await findProfileUris();
    const keep = new Set(uris.map((u) => testItemId(u)));
    this.controller.items.forEach((item) => {
      if (!keep.has(item.id) && this.dataOf(item)?.kind === 'profile' && item.uri) this.controller.items.delete(item.id);
    });
    await Promise.all(uris.map((u) => this.refreshProfile(u)));
  }

  /** Re-reads one profile: its suites become the item's children (existing ones keep their cases). */
  async refreshProfile(uri: vscode.Uri): Promise<vscode.TestItem | undefined> {
    const text = await profileText(uri);
    if (text === undefined) {
      this.controller.items.delete(testItemId(uri));
      return undefined;
    }
    const parsed = parseProfile(text, uri.fsPath);
    const value = parsed.value as { suites?: unknown } | undefined;
    const listed = Array.isArray(value?.suites) ? value.suites : [];
    const profile = this.profileItem(uri);
    profile.range = new vscode.Range(0, 0, 0, 0);
    profile.error = parsed.profile ? undefined : 'The run profile has errors: see the Problems panel.';
    const wanted = new Map<SuiteName, number>();
    listed.forEach((s, i) => {
      if (typeof s === 'string' && isSuiteName(s) && !wanted.has(s)) wanted.set(s, i);
    });
    profile.children.forEach((child) => {
      const suite = this.dataOf(child)?.suite;
      if (!suite || !wanted.has(suite)) profile.children.delete(child.id);
    });
    for (const [suite, index] of wanted) {
      const item = this.suiteItem(uri, suite);
      const r = parsed.rangeOf(['suites', index]);
      item.range = new vscode.Range(r.start.line - 1, r.start.column - 1, r.end.line - 1, r.end.column - 1);
    }
    return profile;
  }

  /** The item of a profile, created when missing (`label` for a profile known only from a report). */
  profileItem(uri: vscode.Uri, label?: string): vscode.TestItem {
    const id = testItemId(uri);
    const existing = this.controller.items.get(id);
    if (existing) return existing;
    const item = this.controller.createTestItem(id, label ?? vscode.workspace.asRelativePath(uri), uri);
    item.canResolveChildren = false;
    this.data.set(item, { kind: 'profile', profileUri: uri });
    this.controller.items.add(item);
    return item;
  }

  /** The item of a suite of a profile, created when missing. */
  suiteItem(uri: vscode.Uri, suite: SuiteName): vscode.TestItem {
    const parent = this.profileItem(uri);
    const id = testItemId(uri, suite);
    const existing = parent.children.get(id);
    if (existing) return existing;
    const item = this.controller.createTestItem(id, suite, uri);
    item.sortText = String(SUITE_NAMES.indexOf(suite)).padStart(2, '0');
    this.data.set(item, { kind: 'suite', profileUri: uri, suite });
    parent.children.add(item);
    return item;
  }

  /**
   * Reads (again) what names the cases of a profile and places them on their
   * dataset lines: its qaset, attacks and bias groups. Called before results
   * of the profile arrive (a run starts, a report is loaded).
   */
  async prepareCases(uri: vscode.Uri): Promise<void> {
    const text = await profileText(uri);
    if (text === undefined) return;
    let inline: number | undefined;
    try {
      inline = parseProfile(text, uri.fsPath).rangeOf(['data', 'bias_groups']).start.line;
    } catch {
      inline = undefined;
    }
    const locator = await caseLocator(uri.fsPath, inline);
    if (locator) this.locators.set(uri.toString(), locator);
  }

  /**
   * The item of a case, created as its result arrives: labelled with its question
   * (or its attack's first words and mutation, or its bias pair) and placed on its
   * dataset line when known; `label` and `description` are used otherwise.
   */
  caseItem(uri: vscode.Uri, suite: SuiteName, caseId: string, label: string, description?: string): vscode.TestItem {
    const parent = this.suiteItem(uri, suite);
    const id = testItemId(uri, suite, caseId);
    const view = this.locators.get(uri.toString())?.(suite, caseId);
    const found = parent.children.get(id);
    // An item made before its dataset line was known is made again with it (a test item's uri is fixed).
    const existing = found && (found.uri || !view?.location) ? found : undefined;
    const item =
      existing ??
      this.controller.createTestItem(id, view?.label ?? label, view?.location ? vscode.Uri.file(view.location.file) : undefined);
    if (view) {
      item.label = view.label;
      // The case id stays visible (and searchable) beside the readable label.
      item.description = label;
      if (view.location && item.uri?.fsPath === view.location.file)
        item.range = new vscode.Range(view.location.line - 1, 0, view.location.line - 1, 0);
    } else if (description && !existing) item.description = description;
    if (existing) return existing;
    this.data.set(item, { kind: 'case', profileUri: uri, suite, caseId });
    parent.children.add(item);
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
