// The setup wizard's webview: says `ready`, renders each view the host sends
// (the host owns the conversation and every decision), sends answers and
// actions back, and keeps the typed draft and dialog state across reloads.
import baseCss from '../shared/base.css';
import type { DataKind } from '../../src/engine/model/dataKinds';
import type { WizardStepId } from '../../src/engine/model/wizardSteps';
import type { WizardFromWebview, WizardToWebview, WizardView } from '../../src/protocol';
import { h } from '../shared/dom';
import { adoptStyles } from '../shared/styles';
import { vscodeApi } from '../shared/vscodeApi';
import { ChatLog } from './chatLog';
import { Composer } from './composer';
import { Header } from './header';
import { MatrixDialog } from './matrixDialog';
import { RunCard } from './runCard';
import { SidePanel } from './sidePanel';
import type { UiState } from './uiState';
import { restoreUi } from './uiState';
import wizardCss from './wizard.css';

adoptStyles(baseCss, wizardCss);
const api = vscodeApi<UiState, WizardFromWebview>();
let ui = restoreUi(api.getState());
let view: WizardView | undefined;

function post(m: WizardFromWebview): void {
  api.postMessage(m);
}

function save(patch: Partial<UiState>): void {
  ui = { ...ui, ...patch };
  api.setState(ui);
}

// The host sends the key table with every view; until the first view comes, any text may be a key.
let keyTests: RegExp[] | undefined;

function looksLikeSecret(text: string): boolean {
  const v = text.trim();
  return keyTests === undefined || keyTests.some((re) => re.test(v));
}

function answer(text: string): void {
  // A key typed by mistake into the answer field is never kept in the webview's state.
  if (!looksLikeSecret(text)) save({ history: [...ui.history.filter((x) => x !== text), text].slice(-30) });
  post({ type: 'answer', text });
}

const upload = (kind: DataKind): void => post({ type: 'uploadData', kind });
const edit = (step: WizardStepId): void => post({ type: 'edit', step });

const header = new Header({ back: () => post({ type: 'back' }), edit, reset: () => post({ type: 'reset' }) });
const log = new ChatLog({ action: (id) => post({ type: 'action', id }), edit });
const runCard = new RunCard((id) => post({ type: 'action', id }));
const composer = new Composer(
  {
    answer,
    secret: (name, value) => post({ type: 'secret', name, value }),
    draft: (text) => save({ draft: looksLikeSecret(text) ? '' : text }),
    // Word by word: "my key is sk-…" hides as well as the key alone.
    looksLikeKey: (text) => keyTests !== undefined && text.split(/\s+/).some((w) => w !== '' && looksLikeSecret(w)),
  },
  () => ui.history,
  ui.draft,
);
const matrix = new MatrixDialog({ upload, sort: (sort) => save({ sort }), closed: () => save({ matrixOpen: false }) }, ui.sort);
const side = new SidePanel({
  upload,
  setUseDefaults: (value) => post({ type: 'setUseDefaults', value }),
  showMatrix: () => {
    save({ matrixOpen: true });
    matrix.open();
  },
  runTests: () => post({ type: 'runTests' }),
});

const app = document.getElementById('app') ?? document.body.appendChild(h('div', { id: 'app', role: 'main' }));
app.classList.add('wizard');
app.append(
  header.el,
  h(
    'div',
    { class: 'wiz-main' },
    h('section', { class: 'chat', 'aria-label': 'Setup conversation' }, log.el, runCard.el, composer.el),
    side.el,
  ),
  matrix.el,
);

function render(next: WizardView): void {
  const stepChanged = view?.step.id !== next.step.id || view?.log.length !== next.log.length;
  const keepFocus = composer.hasFocus() || document.activeElement === document.body || document.activeElement === null;
  view = next;
  keyTests ??= next.keyPatterns.map((p) => new RegExp(p.source, p.flags));
  header.render(next);
  log.render(next);
  runCard.render(next);
  composer.render(next);
  side.render(next);
  matrix.render(next);
  if (ui.matrixOpen) matrix.open();
  if (stepChanged && keepFocus && !matrix.el.open) composer.focus();
}

// Alt+Left goes back a step, as in a browser; Escape in the dialog is the browser's own.
document.addEventListener('keydown', (e) => {
  if (e.altKey && e.key === 'ArrowLeft' && view?.canBack) {
    e.preventDefault();
    post({ type: 'back' });
  }
});

window.addEventListener('message', (event: MessageEvent) => {
  const m = event.data as WizardToWebview;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'state':
      render(m.view);
      break;
    case 'focusInput':
      composer.focus();
      break;
    default: {
      const unknown: never = m;
      void unknown;
    }
  }
});

post({ type: 'ready' });
