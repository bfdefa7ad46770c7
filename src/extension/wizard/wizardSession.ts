// The host side of the wizard: receives the webview's messages (validated),
// drives the step machine, carries out what answers ask for (secrets, data
// files, the connection test, writing, the run) and sends the view back.
// Kept free of `vscode`: the extension and the Chromium tests drive the same code.
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseProfile } from '../../engine/config/loadProfile';
import { dataStatusLines, describeAnswers, understood } from '../../engine/wizard/describe';
import type { WizardState } from '../../engine/wizard/machine';
import { answerText } from '../../engine/wizard/answerText';
import { answersFromProfile } from '../../engine/wizard/readProfile';
import { applyOutcome, back, currentStep, goTo, initialState, restoreState, submit } from '../../engine/wizard/machine';
import { maskSecretsInText, SECRET_MASK } from '../../engine/secrets/maskSecrets';
import type { WizardEffect } from '../../engine/wizard/outcome';
import { looksLikeSecret } from '../../engine/secrets/keyShapes';
import { normalize } from '../../engine/wizard/textMatch';
import type { WizardFromWebview, WizardRunView, WizardToWebview, WizardView } from '../../protocol';
import { parseWizardMessage } from './wizardMessages';
import type { PersistedWizard, WizardServices } from './wizardServices';
import { ChatLog } from './wizardLog';
import { buildView, profileOf } from './wizardView';
import { WizardEstimate } from './wizardEstimate';
import { WizardWork } from './wizardWork';
import type { PendingOverwrite, WizardWorkHost } from './wizardWorkHost';

/** The wizard's conversation with one user, across panels and reloads. */
export class WizardSession implements WizardWorkHost {
  state: WizardState = initialState();
  readonly log = new ChatLog();
  folder: string | undefined;
  editingFile: string | undefined;
  baseText: string | undefined;
  baseValue: unknown;
  busy: string | null = null;
  run: WizardRunView | null = null;
  private readonly estimate = new WizardEstimate();
  overwrite: PendingOverwrite | undefined;
  private readonly listeners = new Set<(m: WizardToWebview) => void>();
  private chain: Promise<void> = Promise.resolve();
  private readonly work: WizardWork;

  private constructor(readonly services: WizardServices) {
    this.work = new WizardWork(this);
  }

  /** A session restored from persisted state (or a fresh one). */
  static async create(services: WizardServices, persisted?: unknown): Promise<WizardSession> {
    const s = new WizardSession(services);
    const p = persisted as Partial<PersistedWizard> | undefined;
    const state = p?.version === 1 ? restoreState(p.state) : undefined;
    if (p && state) {
      s.state = state;
      s.log.restore(p.log, p.nextId);
      s.folder = typeof p.folder === 'string' ? p.folder : undefined;
      if (typeof p.editingFile === 'string') await s.loadBase(p.editingFile);
    }
    s.folder ??= services.defaultFolder();
    if (s.log.entries.length === 0) {
      await s.offerExisting();
      s.ask();
    }
    return s;
  }

  // A workspace that has profiles already: editing one may be what the user came for.
  private async offerExisting(): Promise<void> {
    const files = await this.services.listProfiles().catch(() => []);
    if (files.length === 0) return;
    const actions = files.slice(0, 3).map((f) =>
      this.log.action(`Edit ${path.basename(f)}`, async () => {
        await this.editProfile(f);
      }),
    );
    this.log.bot(
      `This workspace has ${files.length === 1 ? 'a run profile' : `${files.length} run profiles`} already. Edit ${files.length === 1 ? 'it' : 'one'} step by step, or set up a new one below.`,
      { tone: 'info', actions },
    );
  }

  /** Starts editing an existing profile step by step, every answer filled in from it. */
  async editProfile(file: string): Promise<void> {
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    this.folder = path.dirname(file);
    const parsed = parseProfile(text, file);
    this.state = initialState(answersFromProfile(parsed.value, path.basename(file)), true);
    this.editingFile = file;
    this.baseText = text;
    this.baseValue = parsed.value;
    this.overwrite = undefined;
    this.log.clear();
    const errors = parsed.problems.filter((p) => p.severity === 'error').length;
    this.log.bot(
      `Editing ${path.basename(file)}. Every answer is filled in from the file: keep or change each one, or jump to a step with “Edit”. Comments and keys the wizard does not ask about stay as they are.`,
      errors
        ? {
            tone: 'warning',
            details: [
              `The file has ${errors} ${errors === 1 ? 'problem' : 'problems'} now; answers the wizard could not read start empty.`,
            ],
          }
        : {},
    );
    this.ask();
    this.changed();
  }

  /** Listens to what the session sends the webview. */
  onMessage(fn: (m: WizardToWebview) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Handles a message from the webview; messages are handled one at a time, in order. */
  receive(raw: unknown): Promise<void> {
    const msg = parseWizardMessage(raw);
    if (!msg) return Promise.resolve();
    // Cancelling a run must not wait behind the run's own start.
    if (msg.type === 'action' && this.run?.cancelActionId === msg.id) return this.handle(msg);
    const next = this.chain.then(() => this.handle(msg));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The view as it is now. */
  view(): WizardView {
    return buildView({
      state: this.state,
      log: this.log,
      folder: this.folder,
      baseText: this.baseText,
      baseValue: this.baseValue,
      editing: this.editingFile !== undefined,
      busy: this.busy,
      run: this.run,
      estimate: this.estimate.current,
      trusted: this.services.isTrusted(),
      ...(this.overwrite ? { overwrite: { fileName: this.state.answers.fileName } } : {}),
    });
  }

  /** Sends the view to the webview, saves the state and refreshes the estimate. */
  changed(): void {
    this.post({ type: 'state', view: this.view() });
    this.services.persist({
      version: 1,
      state: this.state,
      log: this.log.toPersisted(),
      nextId: this.log.nextId,
      ...(this.folder ? { folder: this.folder } : {}),
      ...(this.editingFile ? { editingFile: this.editingFile } : {}),
    });
    this.refreshEstimate();
  }

  /** Sends a message to every listener. */
  post(m: WizardToWebview): void {
    for (const fn of this.listeners) fn(m);
  }

  /** Asks the current step's question (with its current answer when it has one). */
  ask(): void {
    const def = currentStep(this.state);
    const a = this.state.answers;
    const current = this.state.done.includes(def.id) ? answerText(def.id, a) : undefined;
    const hint = def.hint?.(a);
    const extra: string[] = [];
    if (def.id === 'summary') extra.push(...describeAnswers(a));
    if (def.id === 'data') extra.push(...dataStatusLines(a));
    this.log.bot(def.question(a), {
      step: def.id,
      ...(hint ? { hint } : {}),
      ...(current && def.id !== 'data' && def.id !== 'connection'
        ? { details: [`Now: ${current}`, ...extra] }
        : extra.length
          ? { details: extra }
          : {}),
    });
  }

  private async handle(msg: WizardFromWebview): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.changed();
        return;
      case 'answer':
        await this.answer(msg.text);
        break;
      case 'secret':
        await this.secret(msg.name, msg.value);
        break;
      case 'back':
        this.moveTo(back(this.state));
        break;
      case 'edit':
        this.moveTo(goTo(this.state, msg.step));
        break;
      case 'reset':
        this.reset();
        break;
      case 'setUseDefaults':
        this.patch({ useDefaults: msg.value });
        this.log.bot(
          msg.value
            ? 'Default datasets allowed: missing data falls back to the built-in datasets.'
            : 'Default datasets off: every required dataset must come from your files.',
          { tone: 'info' },
        );
        break;
      case 'uploadData':
        await this.work.effect({ kind: 'pickData', dataKind: msg.kind });
        break;
      case 'runTests': {
        const reason = this.view().canRun.reason;
        if (reason) this.log.bot(`Not yet: ${reason}`, { tone: 'warning' });
        else await this.work.finish(true);
        break;
      }
      case 'action':
        if (!(await this.log.run(msg.id))) return;
        break;
    }
    this.changed();
  }

  /** Sets answers directly (data files, the defaults toggle). */
  patch(set: Partial<WizardState['answers']>): void {
    this.state = { ...this.state, answers: { ...this.state.answers, ...set } };
  }

  private moveTo(next: WizardState): void {
    if (next === this.state) return;
    this.overwrite = undefined;
    this.state = next;
    this.ask();
    this.onEnter();
  }

  private reset(): void {
    this.state = initialState();
    this.editingFile = undefined;
    this.baseText = undefined;
    this.baseValue = undefined;
    this.overwrite = undefined;
    this.log.clear();
    this.log.bot('Starting over. Nothing already written was changed.', { tone: 'info' });
    this.ask();
  }

  private async answer(text: string): Promise<void> {
    if (this.overwrite) return this.work.answerOverwrite(text);
    const n = normalize(text);
    if (/^(back|go back|previous|previous step)$/.test(n)) return this.moveTo(back(this.state));
    if (/^(reset|start over|restart|start again|begin again)$/.test(n)) return this.reset();
    const step = this.state.current;
    const t = submit(this.state, text);
    const masked = (t.outcome.ok && !!t.outcome.secret) || looksLikeSecret(text.trim());
    // What the answer was understood as goes under it; effects (files, runs) answer on their own.
    const said = t.outcome.ok
      ? (t.outcome.reply ??
        (t.outcome.effect || t.outcome.goTo ? undefined : understood([step, ...(t.outcome.covers ?? [])], t.state.answers)))
      : undefined;
    const note = said && normalize(said) !== normalize(text) ? said : undefined;
    this.log.user(masked ? `${SECRET_MASK} (a key: not shown)` : maskSecretsInText(text.trim()), {
      step,
      ...(masked ? { masked: true } : {}),
      ...(note ? { details: [note] } : {}),
    });
    if (!t.outcome.ok) {
      // Replies quote the answer: a key in it is masked there too.
      this.log.bot(maskSecretsInText(t.outcome.reply), { tone: 'error', step });
      this.ask();
      return;
    }
    if (t.outcome.secret) {
      try {
        await this.services.storeSecret(t.outcome.secret.name, t.outcome.secret.value);
      } catch (err) {
        this.log.bot(
          `The key could not be stored: ${err instanceof Error ? err.message : String(err)}. Set it with “AI Quality: Set API Key”.`,
          { tone: 'error' },
        );
      }
    }
    this.state = t.state;
    if (t.outcome.effect) await this.work.effect(t.outcome.effect);
    if (this.state.current !== step || t.outcome.goTo) {
      this.ask();
      this.onEnter();
    }
  }

  private async secret(name: string, value: string): Promise<void> {
    try {
      await this.services.storeSecret(name, value);
    } catch (err) {
      this.log.user(`${SECRET_MASK} (a key for ${name}: not shown)`, { step: 'auth', masked: true });
      this.log.bot(`The key could not be stored: ${err instanceof Error ? err.message : String(err)}.`, { tone: 'error' });
      return;
    }
    this.log.user(`${SECRET_MASK} (a key for ${name}: not shown)`, {
      step: 'auth',
      masked: true,
      details: [`Stored in VS Code's secret storage as ${name}; the profile only names it (target.auth.bearer_env: ${name}).`],
    });
    const step = this.state.current;
    this.state = applyOutcome(this.state, { ok: true, set: { authEnv: name }, ...(step === 'auth' ? {} : { stay: true }) });
    if (this.state.current !== step) {
      this.ask();
      this.onEnter();
    }
  }

  /** What happens on arriving at a step: the connection test runs by itself. */
  private onEnter(): void {
    if (this.state.current === 'connection') void this.runEffectLater({ kind: 'testConnection' });
  }

  // Runs after the current message so the question shows before the test starts.
  private runEffectLater(effect: WizardEffect): Promise<void> {
    const next = this.chain.then(async () => {
      await this.work.effect(effect);
      this.changed();
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The folder the profile and datasets go to (asks when unknown). */
  async ensureFolder(): Promise<string | undefined> {
    this.folder ??= this.services.defaultFolder() ?? (await this.services.chooseFolder());
    return this.folder;
  }

  /** The path the profile is written to, or a stand-in for checks before a folder is chosen. */
  profilePath(): string {
    return path.resolve(this.folder ?? this.services.defaultFolder() ?? tmpdir(), this.state.answers.fileName);
  }

  /** Remembers the profile now on disk (edited or just written). */
  async loadBase(file: string, text?: string): Promise<void> {
    try {
      const t = text ?? (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
      this.editingFile = file;
      this.baseText = t;
      this.baseValue = parseProfile(t, file).value;
    } catch {
      // The file went away: the next write creates it afresh.
      this.editingFile = undefined;
      this.baseText = undefined;
      this.baseValue = undefined;
    }
  }

  private refreshEstimate(): void {
    const a = this.state.answers;
    const ready = !!a.suites?.length && !!a.mode;
    this.estimate.refresh(ready ? profileOf(a, this.baseValue) : undefined, this.profilePath(), () =>
      this.post({ type: 'state', view: this.view() }),
    );
  }
}
