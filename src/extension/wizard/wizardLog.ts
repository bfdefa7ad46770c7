// The wizard's chat log: entries with increasing ids, and the actions behind
// their buttons. The webview only ever sends an action's id back, so it can
// never make the host open a path or run something it did not offer.
import type { WizardLogEntry } from '../../protocol';

type ActionFn = () => void | Promise<void>;

/** Entries kept (older ones are dropped from the view and the saved state). */
const MAX_ENTRIES = 300;

/** The conversation so far, and the buttons it offers. */
export class ChatLog {
  private list: WizardLogEntry[] = [];
  private next = 1;
  private readonly actions = new Map<string, ActionFn>();
  private nextAction = 1;

  /** The entries, oldest first. */
  get entries(): readonly WizardLogEntry[] {
    return this.list;
  }

  /** The id the next entry gets (persisted so ids keep increasing after a reload). */
  get nextId(): number {
    return this.next;
  }

  /** Adds a message from the wizard. */
  bot(text: string, extra: Omit<WizardLogEntry, 'id' | 'from' | 'text'> = {}): WizardLogEntry {
    return this.add({ id: this.next++, from: 'bot', text, ...extra });
  }

  /** Adds the user's answer (already masked when it held a secret). */
  user(text: string, extra: Omit<WizardLogEntry, 'id' | 'from' | 'text'> = {}): WizardLogEntry {
    return this.add({ id: this.next++, from: 'user', text, ...extra });
  }

  /** Registers a button's action; the returned object goes into an entry's `actions`. */
  action(label: string, fn: ActionFn, primary = false): { id: string; label: string; primary?: boolean } {
    const id = `a${this.nextAction++}`;
    this.actions.set(id, fn);
    return primary ? { id, label, primary } : { id, label };
  }

  /** Runs a button's action; false when the id is unknown (stale, or not ours). */
  async run(id: string): Promise<boolean> {
    const fn = this.actions.get(id);
    if (!fn) return false;
    await fn();
    return true;
  }

  /** Replaces an entry in place (a run's progress message), keeping its id. */
  update(id: number, patch: Partial<Omit<WizardLogEntry, 'id' | 'from'>>): void {
    const i = this.list.findIndex((e) => e.id === id);
    if (i >= 0) this.list[i] = { ...this.list[i], ...patch };
  }

  /** Removes the buttons of an entry (their action is done or no longer possible). */
  dropActions(id: number): void {
    const i = this.list.findIndex((x) => x.id === id);
    const e = this.list[i];
    if (!e?.actions) return;
    for (const a of e.actions) this.actions.delete(a.id);
    const rest: WizardLogEntry = { ...e };
    delete rest.actions;
    this.list[i] = rest;
  }

  /** Empties the log (reset). */
  clear(): void {
    this.list = [];
    this.actions.clear();
  }

  /** The entries to save: without buttons, whose actions do not survive a reload. */
  toPersisted(): WizardLogEntry[] {
    return this.list.map((e) => {
      const copy = { ...e };
      delete copy.actions;
      return copy;
    });
  }

  /** Restores saved entries. */
  restore(entries: unknown, nextId: unknown): void {
    if (!Array.isArray(entries)) return;
    this.list = entries
      .filter(
        (e): e is WizardLogEntry =>
          !!e &&
          typeof e === 'object' &&
          typeof (e as WizardLogEntry).id === 'number' &&
          typeof (e as WizardLogEntry).text === 'string' &&
          ((e as WizardLogEntry).from === 'bot' || (e as WizardLogEntry).from === 'user'),
      )
      .slice(-MAX_ENTRIES);
    const maxId = this.list.reduce((m, e) => Math.max(m, e.id), 0);
    this.next = Math.max(maxId + 1, typeof nextId === 'number' && Number.isFinite(nextId) ? nextId : 1);
  }

  private add(e: WizardLogEntry): WizardLogEntry {
    this.list.push(e);
    if (this.list.length > MAX_ENTRIES) {
      for (const old of this.list.splice(0, this.list.length - MAX_ENTRIES)) for (const a of old.actions ?? []) this.actions.delete(a.id);
    }
    return e;
  }
}
