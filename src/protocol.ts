// The one file of messages between the extension host and its webviews. One union
// per direction per webview, discriminated on `type`, switched exhaustively on both
// sides. A webview says `ready` first; the host queues messages until then. The
// host validates every message it receives: a webview is untrusted input.
// This file imports nothing from vscode or the engine's runtime (types only).

// ---------------------------------------------------------------- report view
// (owned by the report view: webview/report/, src/extension/report/)

/** Messages from the extension host to the report view. */
export type ReportToWebview = { type: 'placeholder-report' };

/** Messages from the report view to the extension host. */
export type ReportFromWebview = { type: 'ready' };

// ---------------------------------------------------------------- wizard
// (owned by the wizard: webview/wizard/, src/extension/wizard/)

/** Messages from the extension host to the wizard. */
export type WizardToWebview = { type: 'placeholder-wizard' };

/** Messages from the wizard to the extension host. */
export type WizardFromWebview = { type: 'ready' };
