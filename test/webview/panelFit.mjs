// Whether a panel of a webview fits its window, measured inside the page: shared
// by the Chromium webview tests (a test page at a given width) and the
// packaged-extension e2e (the real webview frame in code-server). Both functions
// are handed to Playwright's `evaluate`, which sends their source into the page:
// they use nothing from outside their own body (no helpers, no imports).

/**
 * Everything that sticks out of `panel` sideways, one readable line each (none when it fits):
 * the page or the body scrolling sideways, the panel scrolling sideways, and every
 * element whose left or right edge lies outside the panel's client area (inside its
 * border, beside its scrollbar). Inside a box matching `scrollers` (one that scrolls by
 * itself) only the box is measured, not what it scrolls.
 * @param {Element} panel
 * @param {string} [scrollers]
 * @returns {string[]}
 */
export function panelOverflow(panel, scrollers = '') {
  const out = [];
  const doc = panel.ownerDocument;
  for (const [name, el] of [
    ['the page', doc.documentElement],
    ['the body', doc.body],
    ['the panel', panel],
  ])
    if (el.scrollWidth > el.clientWidth + 1) out.push(`${name} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
  const box = panel.getBoundingClientRect();
  const left = box.left + panel.clientLeft;
  const right = left + panel.clientWidth;
  for (const el of Array.from(panel.querySelectorAll('*'))) {
    if (scrollers && el.parentElement?.closest(scrollers)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < left - 1 || r.right > right + 1) {
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className}` : ''}`;
      out.push(`${name}: ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(left)}–${Math.round(right)}`);
    }
  }
  return out;
}

/**
 * Why `el` cannot be reached with the mouse once scrolled to, or '' when it can: it is
 * scrolled to the middle of its scrolling boxes, then its box must lie within the
 * window and its middle point must hit it, not something drawn over it.
 * @param {Element} el
 * @returns {string}
 */
export function unreachable(el) {
  el.scrollIntoView({ block: 'center', inline: 'nearest' });
  const r = el.getBoundingClientRect();
  const view = el.ownerDocument.defaultView;
  const where = `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
  if (r.width === 0 || r.height === 0) return `not shown (${where})`;
  if (r.left < 0 || r.top < 0 || r.right > view.innerWidth + 1 || r.bottom > view.innerHeight + 1)
    return `outside the ${view.innerWidth}×${view.innerHeight} window (${where})`;
  // The point hits the element, a part of it, or (through a disabled button, which takes no pointer events) a box around it.
  const hit = el.ownerDocument.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (!hit || !(el.contains(hit) || hit.contains(el)))
    return `covered by ${hit ? hit.tagName.toLowerCase() + (hit.className ? `.${hit.className}` : '') : 'nothing'}`;
  return '';
}
