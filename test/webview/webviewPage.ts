// What the Chromium tests of every webview share: how Chromium is launched, and
// the page shaped like a VS Code webview (the extension's own CSP, taken from
// webviewHtml.ts; theme variables set on <html> through the CSSOM as VS Code does;
// a theme class on <body>; a stand-in `acquireVsCodeApi` that keeps state and
// hands posted messages to `postMessage`; every CSP violation recorded).
import { webviewCsp } from '../../src/extension/webview/webviewHtml';
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
  /** What VS Code would give as `webview.cspSource`: here the test server's origin. */
  cspSource: string;
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
  const csp = webviewCsp(spec.cspSource, spec.nonce);
  // A style="…" attribute on <html> would itself be refused by this CSP: VS Code
  // sets the theme variables through the CSSOM, and so does this page.
  const stub = `
    ${spec.prelude ?? ''}
    window.__violations = [];
    window.__state = ${JSON.stringify(spec.state ?? null)};
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(e.effectiveDirective + ' ' + (e.blockedURI || '(inline)') + ' ' + (e.sample || '')));
    for (const [k, v] of Object.entries(${JSON.stringify(theme.vars)})) document.documentElement.style.setProperty(k, v);
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
<html lang="en">
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
