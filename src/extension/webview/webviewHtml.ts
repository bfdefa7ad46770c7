import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
// Type-only: the module loads without VS Code, so tests build the very CSP and HTML the panels use.
import type * as vscode from 'vscode';

/** The folder of the built webview bundles: the only local resource a webview may load. */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return extensionUri.with({ path: posix.join(extensionUri.path, 'dist', 'webview') });
}

/** Webview options every panel of ours uses: scripts on, resources limited to the built bundles. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)], enableFindWidget: true };
}

/**
 * The Content Security Policy of our webviews: nothing by default, scripts only by
 * nonce, styles, fonts and images only from the webview's own source (`cspSource`).
 * No `'unsafe-inline'`: the apps adopt constructed style sheets and set styles
 * through the CSSOM, neither of which needs a `<style>` element or attribute.
 */
export function webviewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/**
 * The HTML shell of a webview app (`dist/webview/<app>.js`, built from
 * webview/<app>/main.ts) under the strict CSP of `webviewCsp`.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, app: string, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const root = webviewRoot(extensionUri);
  const script = webview.asWebviewUri(root.with({ path: posix.join(root.path, `${app}.js`) }));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${webviewCsp(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="app" role="main"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
