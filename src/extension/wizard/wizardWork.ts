// The work behind answers: checking, picking and creating data files, the
// connection test, writing the profile and following the run it starts.
// Kept free of `vscode`.
import * as path from 'node:path';
import type { DataKind } from '../../engine/model/dataKinds';
import { testConnection } from '../../engine/wizard/connectionTest';
import type { WizardEffect } from '../../engine/wizard/outcome';
import { parseSummary } from '../../engine/wizard/parseFinish';
import { normalize } from '../../engine/wizard/textMatch';
import type { WizardRunOutcome, WizardRunProgress } from './wizardServices';
import { checkDataFile, createDataset } from './wizardData';
import { profileOf } from './wizardView';
import type { WizardWorkHost } from './wizardWorkHost';
import { exists, writeProfile } from './wizardWrite';

const PROGRESS_THROTTLE_MS = 200;

/** Carries out a session's effects; owns nothing but timers. */
export class WizardWork {
  constructor(private readonly s: WizardWorkHost) {}

  /** Does what an answer asked for. */
  async effect(e: WizardEffect): Promise<void> {
    switch (e.kind) {
      case 'testConnection':
        return this.connection();
      case 'validateData':
        return this.useFile(e.dataKind, e.path);
      case 'pickData':
        return this.pick(e.dataKind);
      case 'createData':
        return this.create(e.dataKind);
      case 'finish':
        return this.finish(e.run);
      case 'overwrite':
        return undefined;
    }
  }

  private async withBusy<T>(text: string, fn: () => Promise<T>): Promise<T> {
    this.s.busy = text;
    this.s.changed();
    try {
      return await fn();
    } finally {
      this.s.busy = null;
    }
  }

  private async folderOrSay(): Promise<string | undefined> {
    const folder = await this.s.ensureFolder();
    if (!folder) this.s.log.bot('Open or choose a folder first: the profile and its datasets are written there.', { tone: 'error' });
    return folder;
  }

  private async useFile(kind: DataKind, file: string): Promise<void> {
    const folder = await this.folderOrSay();
    if (!folder) return;
    const report = await this.withBusy(`Checking ${path.basename(file)}…`, () => checkDataFile(kind, folder, file));
    if (!report.ok) {
      this.s.log.bot(`${kind}: ${report.summary} It was not added.`, {
        tone: 'error',
        ...(report.problems.length ? { details: report.problems } : {}),
      });
      return;
    }
    this.s.patch({ data: { ...this.s.state.answers.data, [kind]: report.relative } });
    const open = this.s.log.action('Open file', () => this.s.services.openFile(report.absolute));
    this.s.log.bot(`${kind}: ${report.summary}`, {
      tone: report.brokenLines ? 'warning' : 'success',
      actions: [open],
      ...(report.problems.length ? { details: report.problems } : {}),
    });
  }

  private async pick(kind: DataKind): Promise<void> {
    const folder = await this.folderOrSay();
    if (!folder) return;
    const file = await this.s.services.pickDataFile(kind, folder);
    if (!file) {
      this.s.log.bot(`No ${kind} file was picked.`, { tone: 'info' });
      return;
    }
    await this.useFile(kind, file);
  }

  private async create(kind: DataKind): Promise<void> {
    const folder = await this.folderOrSay();
    if (!folder) return;
    let made: Awaited<ReturnType<typeof createDataset>>;
    try {
      made = await createDataset(kind, folder);
    } catch (err) {
      this.s.log.bot(`Could not create the ${kind} file: ${err instanceof Error ? err.message : String(err)}`, { tone: 'error' });
      return;
    }
    const report = await checkDataFile(kind, folder, made.absolute);
    if (!report.ok) {
      this.s.log.bot(`${made.relative} already exists but ${report.summary} It was not added.`, {
        tone: 'error',
        details: report.problems,
      });
      return;
    }
    this.s.patch({ data: { ...this.s.state.answers.data, [kind]: made.relative } });
    const open = this.s.log.action('Open file', () => this.s.services.openFile(made.absolute), true);
    const what = made.created ? `Created ${made.relative} from the template` : `${made.relative} already exists: using it`;
    this.s.log.bot(
      `${what} (${report.summary.replace(/^[^:]*: /, '').replace(/\.$/, '')}). Replace its lines with your own data whenever you like.`,
      { tone: 'success', actions: [open] },
    );
  }

  private async connection(): Promise<void> {
    const a = this.s.state.answers;
    if (a.mode === 'mcp' && a.mcp?.command && !this.s.services.isTrusted()) {
      this.s.log.bot(
        'The workspace is not trusted, so the wizard does not start the MCP server’s command. Trust the workspace to test it, or continue.',
        { tone: 'warning' },
      );
      return;
    }
    const result = await this.withBusy('Testing the connection…', () =>
      testConnection(profileOf(a, this.s.baseValue), this.s.profilePath(), { secrets: this.s.services.secrets }),
    );
    if (result.ok) {
      this.s.log.bot(
        `Connected: the target answered in ${result.latencyMs} ms${result.contexts ? ` with ${result.contexts} ${result.contexts === 1 ? 'context' : 'contexts'}` : ''}.`,
        { tone: 'success', details: [`Target: ${result.target}`, `Question: ${result.question}`], quote: result.answer ?? '' },
      );
    } else {
      this.s.log.bot(`The target did not answer: ${result.error ?? 'unknown error'}`, {
        tone: 'error',
        details: [
          `Target: ${result.target}`,
          'Fix the address, key or model (“change the target”), then “test again”; or continue and fix it later.',
        ],
      });
    }
  }

  /** The answer to “overwrite?”: yes, no, or another file name. */
  async answerOverwrite(text: string): Promise<void> {
    const o = this.s.overwrite;
    if (!o) return;
    const n = normalize(text);
    this.s.log.user(text.trim(), { step: 'summary' });
    if (/^(overwrite|yes|y|replace|ok|sure|overwrite it)$/.test(n)) {
      this.s.overwrite = undefined;
      await this.finish(o.run, true);
      return;
    }
    if (/^(cancel|no|n|stop|never mind|dont|don t)$/.test(n)) {
      this.s.overwrite = undefined;
      this.s.log.bot('Nothing was written. Choose another name (“save as …”) or edit a step.', { tone: 'info' });
      return;
    }
    const t = parseSummary(text);
    if (t.ok && t.set.fileName) {
      this.s.overwrite = undefined;
      this.s.patch({ fileName: t.set.fileName });
      await this.finish(o.run);
      return;
    }
    this.s.log.bot(`Answer “overwrite” to replace ${path.basename(o.file)}, give another name (“save as smoke.aiqk.yaml”), or “cancel”.`, {
      tone: 'error',
    });
  }

  /** Writes the profile (asking before replacing another file), opens it, and starts the run when asked. */
  async finish(run: boolean, confirmed = false): Promise<void> {
    const folder = await this.folderOrSay();
    if (!folder) return;
    const a = this.s.state.answers;
    const file = path.resolve(folder, a.fileName);
    if (!confirmed && file !== this.s.editingFile && (await exists(file))) {
      this.s.overwrite = { file, run };
      this.s.log.bot(`${a.fileName} already exists in ${path.basename(folder)}. Overwrite it, or save under another name?`, {
        tone: 'warning',
        step: 'summary',
      });
      return;
    }
    let written;
    try {
      written = await writeProfile(file, a, { file: this.s.editingFile, text: this.s.baseText, value: this.s.baseValue });
    } catch (err) {
      this.s.log.bot(`Nothing was written: ${err instanceof Error ? err.message : String(err)}`, { tone: 'error' });
      return;
    }
    await this.s.loadBase(written.file, written.text);
    const open = this.s.log.action('Open profile', () => this.s.services.openFile(written.file));
    // The file is not opened by itself: in the wizard's group it would cover the conversation
    // (and a run that follows in it), beside it it would squeeze it. The action opens it.
    this.s.log.bot(
      `${written.created ? 'Wrote' : 'Updated'} ${a.fileName}${written.created ? '' : ' (comments and order kept)'}. Open it from here; it is checked like any profile.`,
      { tone: 'success', actions: [open] },
    );
    if (!run) return;
    if (!this.s.services.isTrusted()) {
      this.s.log.bot('The workspace is not trusted, so the run is not started. Trust the workspace, then run “AI Quality: Run Tests”.', {
        tone: 'warning',
      });
      return;
    }
    void this.follow(written.file);
  }

  private async follow(file: string): Promise<void> {
    const entry = this.s.log.bot(`Starting the run of ${path.basename(file)}…`, { tone: 'info' });
    this.s.run = { phase: 'starting', done: 0, total: 0 };
    this.s.changed();
    let last = 0;
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const onProgress = (p: WizardRunProgress): void => {
      const run = this.s.run;
      if (!run) return;
      if (p.runId && !run.cancelActionId) {
        const runId = p.runId;
        run.cancelActionId = this.s.log.action('Cancel run', async () => {
          if (await this.s.services.cancelRun(runId))
            this.s.log.bot('Cancelling: the cases already finished are kept in the report.', { tone: 'info' });
        }).id;
        this.s.log.update(entry.id, { text: `Running ${path.basename(file)} (${runId}).` });
      }
      this.s.run = {
        ...run,
        phase: 'running',
        done: p.done,
        total: p.total,
        ...(p.runId ? { runId: p.runId } : {}),
        ...(p.suite ? { suite: p.suite } : {}),
      };
      // At most one view per throttle window, and always the last progress (a trailing update).
      const wait = PROGRESS_THROTTLE_MS - (Date.now() - last);
      if (wait <= 0) {
        last = Date.now();
        this.s.changed();
      } else {
        trailing ??= setTimeout(() => {
          trailing = undefined;
          last = Date.now();
          if (this.s.run?.phase === 'running') this.s.changed();
        }, wait);
      }
    };
    let outcome: WizardRunOutcome;
    try {
      outcome = await this.s.services.startRun(file, onProgress);
    } catch (err) {
      outcome = { started: false, reason: err instanceof Error ? err.message : String(err) };
    }
    clearTimeout(trailing);
    this.ended(entry.id, outcome);
    this.s.changed();
  }

  private ended(entryId: number, o: WizardRunOutcome): void {
    if (!o.started) {
      this.s.run = { phase: 'refused', done: 0, total: 0 };
      this.s.log.update(entryId, { text: `The run did not start: ${o.reason}`, tone: 'error' });
      return;
    }
    this.s.run = { phase: 'finished', runId: o.runId, status: o.status, done: o.passed + o.failed + o.errors, total: o.total };
    // Inconclusive is not a failure of the target, nor a pass: the warning colour, as cancelled.
    const tone = o.status === 'passed' ? 'success' : o.status === 'cancelled' || o.status === 'inconclusive' ? 'warning' : 'error';
    const actions = [
      ...(o.reportJson ? [this.s.log.action('Open report', () => this.s.services.openReport(o.reportJson as string), true)] : []),
      ...(o.reportXlsx ? [this.s.log.action('Show XLSX', () => this.s.services.revealFile(o.reportXlsx as string))] : []),
      this.s.log.action('Show run log', () => this.s.services.showRunLog()),
    ];
    const counts = `${o.passed} of ${o.total} cases passed${o.failed ? `, ${o.failed} failed` : ''}${o.errors ? `, ${o.errors} errors` : ''}`;
    this.s.log.update(entryId, {
      text: `Run ${o.runId} ${o.status}: ${counts} in ${(o.durationMs / 1000).toFixed(1)} s.`,
      tone,
      details: [
        ...(o.error ? [o.error] : []),
        ...(o.status === 'inconclusive'
          ? [
              'Too many replies could not be judged, so the run does not pass: the report lists them; a judge (judge: in the profile) would grade them.',
            ]
          : []),
        ...(o.reportJson ? [`Report: ${path.basename(o.reportJson)}${o.reportXlsx ? ` and ${path.basename(o.reportXlsx)}` : ''}`] : []),
      ],
      actions,
    });
  }
}
