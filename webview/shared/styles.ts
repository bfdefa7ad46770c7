// Style sheets for the webviews, adopted through the CSSOM: the webview CSP
// (src/extension/webview/webviewHtml.ts) has no 'unsafe-inline', so it refuses every
// <style> element and style="…" attribute, and adoptedStyleSheets needs neither.
// Per-element values (a bar's width) go through `element.style`, which CSP allows.

/** Adds CSS text to the document's adopted style sheets. */
export function adoptStyles(...cssTexts: string[]): void {
  const sheets = cssTexts.map((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...sheets];
}
