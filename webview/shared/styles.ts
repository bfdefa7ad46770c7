// Style sheets for the webviews, adopted through the CSSOM: the CSP allows no
// inline <style> we did not create, and adoptedStyleSheets needs none.

/** Adds CSS text to the document's adopted style sheets. */
export function adoptStyles(...cssTexts: string[]): void {
  const sheets = cssTexts.map((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...sheets];
}
