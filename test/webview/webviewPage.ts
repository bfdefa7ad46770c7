// What the Chromium tests of every webview share: how Chromium is launched, and
// the page shaped like a VS Code webview (the same CSP with scripts by nonce,
// theme variables on <html>, a theme class on <body>, a stand-in
// `acquireVsCodeApi` that keeps state and hands posted messages to `postMessage`).
import { THEMES } from './themes';

/** The Chromium binary (Debian's by default). */
export const CHROMIUM = process.env.AIQK_CHROMIUM || '/usr/bin/chromium';

/** Flags for headless Chromium on a machine without network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** A test page of a webview app. */
export interface WebviewPageSpec {
  /** The bundle's name: the page loads `/<app>.js`. */
  app: string;
  title: string;
  nonce: string;
  theme?: 'dark' | 'light';
  /** State the webview finds in getState (as after a reload). */
  state?: unknown;
  /** JavaScript run before the stub, e.g. to set up a message log. */
  prelude?: string;
  /** A JavaScript expression receiving each posted message as `m`. */
  postMessage: string;
}

/** The HTML of a test page of a webview app. */
export function webviewPageHtml(spec: WebviewPageSpec): string {
  const theme = THEMES[spec.theme ?? 'dark'];
  const vars = Object.entries(theme.vars)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ')
    .replace(/"/g, '&quot;');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${spec.nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "img-src 'self' data:",
  ].join('; ');
  const stub = `
    ${spec.prelude ?? ''}
    window.__violations = [];
    window.__state = ${JSON.stringify(spec.state ?? null)};
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    let acquired = false;
    window.acquireVsCodeApi = () => {
      if (acquired) throw new Error('acquireVsCodeApi called twice');
      acquired = true;
      return {
        postMessage: (m) => ${spec.postMessage},
        getState: () => window.__state ?? undefined,
        setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
      };
    };`;
  return `<!DOCTYPE html>
<html lang="en" style="${vars}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${spec.title}</title>
<script nonce="${spec.nonce}">${stub}</script>
</head>
<body class="${theme.bodyClass}" data-vscode-theme-kind="${theme.bodyClass}">
<div id="app" role="main"></div>
<script nonce="${spec.nonce}" src="/${spec.app}.js"></script>
</body>
</html>`;
}
