// A tiny element builder: the webviews build their DOM with it instead of HTML
// strings, so no text from a report is ever parsed as markup.

/**
 * Attributes and properties of an element: strings become attributes, `on*` functions listeners.
 * No `style`: the webview CSP refuses style attributes; use a class, or the element's `style` (CSSOM).
 */
export type Props = Record<string, string | number | boolean | null | undefined | EventListener> & { style?: never };

/** Something that can be appended: a node, text, or nothing. */
export type Child = Node | string | number | null | undefined | false;

/** Creates an element; `class`, `aria-*`, `data-*` and other attributes are set as given, boolean true as an empty attribute. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props, ...children: (Child | Child[])[]): HTMLElement;
export function h(tag: string, props: Props = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

/** Sets attributes and listeners on an element (see `h`). */
export function setProps(el: Element, props: Props): void {
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** Appends children (nested arrays flattened, empty ones skipped). */
export function append(el: Node, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's children. */
export function replaceChildren(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Sets an element's text only when it differs: rewriting the same text still counts as a change in a live region (announced again). */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
