// Validation of what the wizard's webview sends: a webview is untrusted input,
// so every message is checked field by field before the session sees it.
// Kept free of `vscode` so the same checks run in unit and Chromium tests.
import { isDataKind } from '../../engine/model/dataKinds';
import { isWizardStepId } from '../../engine/model/wizardSteps';
import type { WizardFromWebview } from '../../protocol';

const MAX_TEXT = 4000;
const MAX_SECRET = 8000;
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

function str(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.length <= max ? v : undefined;
}

/** The message when it is a well-formed wizard message; undefined otherwise (it is then ignored). */
export function parseWizardMessage(raw: unknown): WizardFromWebview | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'back':
    case 'reset':
    case 'runTests':
      return { type: m.type };
    case 'answer': {
      const text = str(m.text, MAX_TEXT);
      return text !== undefined && text.trim() !== '' ? { type: 'answer', text } : undefined;
    }
    case 'secret': {
      const name = str(m.name, 128);
      const value = str(m.value, MAX_SECRET);
      return name && SECRET_NAME.test(name) && value !== undefined && value.trim() !== ''
        ? { type: 'secret', name, value: value.trim() }
        : undefined;
    }
    case 'edit':
      return isWizardStepId(m.step) ? { type: 'edit', step: m.step } : undefined;
    case 'setUseDefaults':
      return typeof m.value === 'boolean' ? { type: 'setUseDefaults', value: m.value } : undefined;
    case 'uploadData':
      return typeof m.kind === 'string' && isDataKind(m.kind) ? { type: 'uploadData', kind: m.kind } : undefined;
    case 'action': {
      const id = str(m.id, 64);
      return id && /^[\w-]+$/.test(id) ? { type: 'action', id } : undefined;
    }
    default:
      return undefined;
  }
}
