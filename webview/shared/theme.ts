// The VS Code theme as a webview sees it: CSS variables on <html> and a class on
// <body> (vscode-light, vscode-dark, vscode-high-contrast, vscode-high-contrast-light).

/** The value of a theme variable, e.g. cssVar('--vscode-charts-green'); `fallbackVar` is tried next. */
export function cssVar(name: string, fallbackVar?: string): string {
  const style = getComputedStyle(document.body);
  const v = style.getPropertyValue(name).trim();
  if (v || !fallbackVar) return v;
  return style.getPropertyValue(fallbackVar).trim();
}

/**
 * Calls `onChange` after the theme changes (VS Code swaps the body class and the
 * variables on <html>); bursts of changes are coalesced into one call per frame.
 */
export function onThemeChange(onChange: () => void): () => void {
  let pending = false;
  const fire = (): void => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  };
  const observer = new MutationObserver(fire);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
