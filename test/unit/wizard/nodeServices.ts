// The wizard session's host services in plain Node, for unit and Chromium
// tests: real files in a temporary folder, a real run through the engine (the
// same prepareRun and runAndWriteReports the extension uses), secrets in memory. Only the
// file picker is scripted: it is VS Code's dialog, not ours.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { isProfileFileName } from '../../../src/engine/config/loadProfile';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { prepareRun } from '../../../src/engine/prepare/prepareRun';
import type { DataKind } from '../../../src/engine/model/dataKinds';
import { runAndWriteReports } from '../../../src/engine/run/runAndWriteReports';
import type { PersistedWizard, WizardRunOutcome, WizardRunProgress, WizardServices } from '../../../src/extension/wizard/wizardServices';

/** Node services plus what the tests look at. */
export interface NodeServices extends WizardServices {
  folder: string;
  stored: Map<string, string>;
  opened: string[];
  /** Answers of the file picker, taken in order (undefined = dismissed). */
  picks: (string | undefined)[];
  persisted: PersistedWizard | undefined;
  trusted: boolean;
  runIds: string[];
  cancelled: string[];
  reports: string[];
  cleanup(): void;
}

/** Services over a fresh temporary folder (or the one given). */
export function nodeServices(folder = mkdtempSync(path.join(tmpdir(), 'aiqk-wizard-'))): NodeServices {
  const running = new Map<string, (reason?: string) => void>();
  const s: NodeServices = {
    folder,
    stored: new Map(),
    opened: [],
    picks: [],
    persisted: undefined,
    trusted: true,
    runIds: [],
    cancelled: [],
    reports: [],
    defaultFolder: () => s.folder,
    chooseFolder: async () => s.folder,
    pickDataFile: async (_kind: DataKind) => s.picks.shift(),
    storeSecret: async (name, value) => {
      s.stored.set(name, value);
    },
    secrets: async (name) => s.stored.get(name) ?? (process.env[name] || undefined),
    isTrusted: () => s.trusted,
    openFile: async (file) => {
      s.opened.push(file);
    },
    async startRun(profile: string, onProgress: (p: WizardRunProgress) => void): Promise<WizardRunOutcome> {
      // The extension's path: the engine's run preparation, then the prepared run.
      const prepared = await prepareRun(profile);
      if (!prepared.ok) return { started: false, reason: prepared.refusal.message };
      const handle = runAndWriteReports(prepared.run, { secrets: s.secrets, auditFile: false });
      s.runIds.push(handle.runId);
      running.set(handle.runId, (r) => handle.cancel(r));
      let done = 0;
      let total = 0;
      handle.events.onEvent((e) => {
        if (e.type === 'run-started') total = e.total;
        if (e.type === 'case-finished') {
          done = e.done;
          total = e.total;
        }
        onProgress({ runId: handle.runId, done, total, ...(e.type === 'suite-started' ? { suite: e.suite } : {}) });
      });
      const w = await handle.written;
      running.delete(handle.runId);
      const o = w.result.summary.overall;
      return {
        started: true,
        runId: handle.runId,
        status: w.result.run.status,
        passed: o.passed,
        failed: o.failed,
        errors: o.errors,
        total: o.total,
        durationMs: w.result.run.duration_ms,
        ...(w.files.json ? { reportJson: w.files.json } : {}),
        ...(w.files.xlsx ? { reportXlsx: w.files.xlsx } : {}),
      };
    },
    cancelRun: async (runId) => {
      const c = running.get(runId);
      if (!c) return false;
      s.cancelled.push(runId);
      c('cancelled by the user');
      return true;
    },
    openReport: async (file) => {
      s.reports.push(file);
    },
    revealFile: async (file) => {
      s.reports.push(file);
    },
    showRunLog: async () => undefined,
    listProfiles: async () =>
      readdirSync(s.folder)
        .filter((f) => isProfileFileName(f))
        .sort()
        .map((f) => path.join(s.folder, f)),
    persist: (p) => {
      s.persisted = p === undefined ? undefined : (JSON.parse(JSON.stringify(p)) as PersistedWizard);
    },
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
  return s;
}
