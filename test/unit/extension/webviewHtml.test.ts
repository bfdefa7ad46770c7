// The webviews' Content Security Policy as webviewHtml.ts builds it: strict
// (nothing by default, scripts by nonce, no 'unsafe-inline', no wildcard of ours),
// and the very policy the HTML shell of each panel carries.
import { strict as assert } from 'node:assert';
import { webviewCsp, webviewHtml } from '../../../src/extension/webview/webviewHtml';

// The VS Code types, taken from the function itself: unit tests do not import 'vscode'.
type Webview = Parameters<typeof webviewHtml>[0];
type Uri = Parameters<typeof webviewHtml>[1];

/** What VS Code gives as `webview.cspSource` (its own CDN host pattern included). */
const VSCODE_CSP_SOURCE = "'self' https://*.vscode-cdn.net";

/** A policy as directive name → sources. */
function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    assert.ok(!out.has(name), `${name} appears once`);
    out.set(name, sources);
  }
  return out;
}

/** A stand-in Uri: just what webviewHtml uses of it. */
function fakeUri(path: string): Uri {
  const uri = {
    scheme: 'file',
    path,
    with: (change: { path?: string }) => fakeUri(change.path ?? path),
    toString: () => `https://file+.vscode-resource.vscode-cdn.net${path}`,
  };
  return uri as unknown as Uri;
}

function fakeWebview(cspSource: string): Webview {
  return { cspSource, asWebviewUri: (u: Uri) => u } as unknown as Webview;
}

describe('webview CSP (webviewHtml.ts)', () => {
  it('allows nothing by default, scripts only by nonce and styles only from the webview source', () => {
    const d = directives(webviewCsp('https://example.vscode-cdn.net', 'abc123'));
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('script-src'), ["'nonce-abc123'"]);
    assert.deepEqual(d.get('style-src'), ['https://example.vscode-cdn.net']);
    assert.deepEqual(d.get('font-src'), ['https://example.vscode-cdn.net']);
    assert.deepEqual(d.get('img-src'), ['https://example.vscode-cdn.net', 'data:']);
  });

  it("has no 'unsafe-inline', no 'unsafe-eval' and no wildcard source of its own", () => {
    const csp = webviewCsp(VSCODE_CSP_SOURCE, 'abc123');
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    const given = new Set(VSCODE_CSP_SOURCE.split(' '));
    for (const [name, sources] of directives(csp)) {
      for (const s of sources.filter((x) => !given.has(x))) {
        assert.ok(!s.includes('*'), `${name} ${s} is not a wildcard`);
        assert.ok(!/^(https?|wss?):?$/.test(s), `${name} ${s} is not a whole scheme`);
      }
    }
    assert.doesNotMatch(webviewCsp('https://example.vscode-cdn.net', 'n'), /\*/, 'no * unless VS Code gives one');
  });

  it('puts that policy, with a fresh nonce on the app script, into the HTML shell', () => {
    const html = (): string => webviewHtml(fakeWebview(VSCODE_CSP_SOURCE), fakeUri('/ext'), 'report', 'A <b>report</b>');
    const page = html();
    const nonce = /<script nonce="([^"]+)" src="([^"]+)"><\/script>/.exec(page);
    assert.ok(nonce?.[1], 'the app script carries a nonce');
    assert.equal(nonce[2], 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/report.js');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page);
    assert.equal(meta?.[1], webviewCsp(VSCODE_CSP_SOURCE, nonce[1]));
    assert.equal((page.match(/<script\b/g) ?? []).length, 1, 'one script, the app');
    assert.doesNotMatch(page, /<style\b|\sstyle=/, 'no inline style in the shell');
    assert.match(page, /<title>A &lt;b&gt;report&lt;\/b&gt;<\/title>/);
    assert.notEqual(/nonce="([^"]+)"/.exec(html())?.[1], nonce[1], 'a new nonce for every page');
  });
});
