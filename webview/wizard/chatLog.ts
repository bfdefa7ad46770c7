// The conversation: a live region (role="log") that only appends new entries
// and updates changed ones, so screen readers announce each message once.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import type { WizardLogEntry, WizardView } from '../../src/protocol';
import type { WizardStepId } from '../../src/engine/model/wizardSteps';
import { h, replaceChildren } from '../shared/dom';
import type { IconName } from '../shared/icons';
import { icon } from '../shared/icons';

/** What the log asks the app to do. */
export interface LogHandlers {
  action(id: string): void;
  edit(step: WizardStepId): void;
}

const TONE_ICON: Record<NonNullable<WizardLogEntry['tone']>, IconName> = { info: 'info', success: 'pass', warning: 'error', error: 'fail' };
const TONE_WORD: Record<NonNullable<WizardLogEntry['tone']>, string> = {
  info: 'Note',
  success: 'Done',
  warning: 'Warning',
  error: 'Problem',
};

/** The chat log element and its incremental renderer. */
export class ChatLog {
  readonly el: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly busy: HTMLElement;
  private readonly shown = new Map<number, { json: string; el: HTMLElement }>();
  /** Whether the reader is at the end of the conversation (then it follows new messages and resizes). */
  private stick = true;

  constructor(private readonly handlers: LogHandlers) {
    this.list = h('ol', { class: 'log-list' });
    this.busy = h('div', { class: 'busy', role: 'status', 'aria-live': 'polite' });
    this.el = h(
      'div',
      {
        class: 'log',
        id: 'chat-log',
        role: 'log',
        'aria-live': 'polite',
        'aria-relevant': 'additions text',
        'aria-label': 'Conversation with the setup wizard',
        tabindex: '0',
      },
      this.list,
      this.busy,
    );
    this.el.addEventListener('scroll', () => {
      this.stick = this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight < 120;
    });
    // The panel shrinks when an editor opens beside it: the end of the conversation stays in sight.
    new ResizeObserver(() => {
      if (this.stick) this.scrollToEnd();
    }).observe(this.el);
  }

  /** Shows the view's log: new entries appended, changed ones replaced, dropped ones removed. */
  render(view: WizardView): void {
    // A reader scrolled up to read stays where they are.
    const nearEnd = this.stick;
    const ids = new Set(view.log.map((e) => e.id));
    for (const [id, item] of this.shown) {
      if (!ids.has(id)) {
        item.el.remove();
        this.shown.delete(id);
      }
    }
    const editable = new Set(view.editable.map((e) => e.id));
    let appended = false;
    let fromUser = false;
    for (const e of view.log) {
      const json = JSON.stringify(e) + (e.step && editable.has(e.step) ? '+edit' : '');
      const old = this.shown.get(e.id);
      if (old && old.json === json) continue;
      const el = this.entry(e, e.from === 'user' && !!e.step && editable.has(e.step));
      if (old) old.el.replaceWith(el);
      else {
        this.list.append(el);
        appended = true;
        fromUser ||= e.from === 'user';
      }
      this.shown.set(e.id, { json, el });
    }
    replaceChildren(
      this.busy,
      view.busy ? [h('vscode-progress-ring', { class: 'ring', 'aria-hidden': 'true' }), h('span', {}, view.busy)] : [],
    );
    this.busy.hidden = !view.busy;
    // The user's own answer always brings the conversation to its end.
    if ((appended || view.busy) && (nearEnd || fromUser)) this.scrollToEnd();
  }

  /** Scrolls to the newest message. */
  scrollToEnd(): void {
    this.stick = true;
    this.el.scrollTop = this.el.scrollHeight;
    requestAnimationFrame(() => {
      this.el.scrollTop = this.el.scrollHeight;
    });
  }

  private entry(e: WizardLogEntry, canEdit: boolean): HTMLElement {
    const tone = e.tone ? ` tone-${e.tone}` : '';
    const who = e.from === 'bot' ? 'Wizard' : 'You';
    const text = h(
      'div',
      { class: 'text' },
      e.tone && e.from === 'bot' ? h('span', { class: 'tone-icon' }, icon(TONE_ICON[e.tone], TONE_WORD[e.tone])) : null,
      h('span', {}, e.masked ? h('span', { class: 'masked' }, e.text) : e.text),
    );
    const li = h(
      'li',
      { class: `entry from-${e.from}${tone}`, 'data-id': String(e.id), ...(e.step ? { 'data-step': e.step } : {}) },
      h('span', { class: 'sr-only' }, `${who}: `),
    );
    if (e.from === 'user') {
      // What the wizard understood goes under the answer, not inside it.
      const edit =
        canEdit && e.step
          ? h(
              'button',
              {
                class: 'edit link',
                type: 'button',
                title: 'Change this answer',
                'aria-label': `Edit this answer (${e.step})`,
                onclick: () => this.handlers.edit(e.step as WizardStepId),
              },
              'Edit',
            )
          : null;
      li.append(
        h(
          'div',
          { class: 'user-col' },
          h('div', { class: 'bubble' }, text),
          e.details?.length || edit
            ? h('div', { class: 'note muted' }, edit, e.details?.length ? h('span', {}, `→ ${e.details.join(' · ')}`) : null)
            : null,
        ),
      );
      return li;
    }
    li.append(
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, icon('gear')),
      h(
        'div',
        { class: 'bubble' },
        text,
        e.hint ? h('div', { class: 'hint muted' }, e.hint) : null,
        e.details?.length
          ? h(
              'ul',
              { class: 'details' },
              e.details.map((d) => h('li', {}, d)),
            )
          : null,
        e.quote !== undefined && e.quote !== '' ? h('blockquote', { class: 'quote' }, e.quote) : null,
        e.actions?.length
          ? h(
              'div',
              { class: 'actions' },
              e.actions.map((a) =>
                h('vscode-button', { secondary: !a.primary, 'data-action': a.id, onclick: () => this.handlers.action(a.id) }, a.label),
              ),
            )
          : null,
      ),
    );
    return li;
  }
}
