// Small line icons drawn for these webviews (16×16, stroke = currentColor), so
// status never rests on colour alone and no icon font has to be loaded.

const SVG_NS = 'http://www.w3.org/2000/svg';

type Shape = [tag: 'path' | 'circle' | 'line' | 'polyline' | 'rect', attrs: Record<string, string | number>];

const ICONS = {
  pass: [
    ['circle', { cx: 8, cy: 8, r: 6.5 }],
    ['polyline', { points: '5,8.3 7.2,10.5 11,6.2' }],
  ],
  fail: [
    ['circle', { cx: 8, cy: 8, r: 6.5 }],
    ['path', { d: 'M5.7 5.7l4.6 4.6M10.3 5.7l-4.6 4.6' }],
  ],
  error: [
    ['path', { d: 'M8 1.9l6.4 11.6H1.6z' }],
    ['path', { d: 'M8 6.2v3.4' }],
    ['circle', { cx: 8, cy: 11.6, r: 0.5, fill: 'currentColor' }],
  ],
  cancelled: [
    ['circle', { cx: 8, cy: 8, r: 6.5 }],
    ['path', { d: 'M5.2 8h5.6' }],
  ],
  unmeasured: [['circle', { cx: 8, cy: 8, r: 6.5, 'stroke-dasharray': '2.2 1.8' }]],
  inconclusive: [
    ['circle', { cx: 8, cy: 8, r: 6.5 }],
    ['path', { d: 'M6.1 6.3a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.7.6-.7 1.1v.5' }],
    ['circle', { cx: 8, cy: 11.4, r: 0.5, fill: 'currentColor' }],
  ],
  info: [
    ['circle', { cx: 8, cy: 8, r: 6.5 }],
    ['path', { d: 'M8 7.2v4' }],
    ['circle', { cx: 8, cy: 5, r: 0.5, fill: 'currentColor' }],
  ],
  chevron: [['polyline', { points: '6,3.5 10.5,8 6,12.5' }]],
  up: [['path', { d: 'M8 13V3.5M4 7.5l4-4 4 4' }]],
  down: [['path', { d: 'M8 3v9.5M4 8.5l4 4 4-4' }]],
  same: [['path', { d: 'M3.5 8h9' }]],
  sort: [['path', { d: 'M5 6.5l3-3 3 3M5 9.5l3 3 3-3' }]],
  sortAsc: [['path', { d: 'M4.5 10l3.5-4 3.5 4' }]],
  sortDesc: [['path', { d: 'M4.5 6l3.5 4 3.5-4' }]],
  json: [
    [
      'path',
      {
        d: 'M6 2.5H5a1.5 1.5 0 0 0-1.5 1.5v2.2L2.5 8l1 1.8V12A1.5 1.5 0 0 0 5 13.5h1M10 2.5h1a1.5 1.5 0 0 1 1.5 1.5v2.2l1 1.8-1 1.8V12a1.5 1.5 0 0 1-1.5 1.5h-1',
      },
    ],
  ],
  sheet: [
    ['rect', { x: 2.5, y: 2.5, width: 11, height: 11, rx: 1.5 }],
    ['path', { d: 'M2.5 6.2h11M2.5 9.8h11M6.3 6.2v7.3' }],
  ],
  folder: [['path', { d: 'M1.8 4.2a1 1 0 0 1 1-1h3.3l1.5 1.6h5.6a1 1 0 0 1 1 1v6.9a1 1 0 0 1-1 1H2.8a1 1 0 0 1-1-1z' }]],
  gear: [
    ['circle', { cx: 8, cy: 8, r: 2.2 }],
    ['path', { d: 'M8 1.8v2M8 12.2v2M1.8 8h2M12.2 8h2M3.6 3.6l1.4 1.4M11 11l1.4 1.4M3.6 12.4L5 11M11 5l1.4-1.4' }],
  ],
  play: [['path', { d: 'M5 3.2v9.6L12.6 8z' }]],
  history: [
    ['path', { d: 'M2.6 8a5.4 5.4 0 1 0 1.6-3.8' }],
    ['polyline', { points: '2.4,2.6 2.4,5.2 5,5.2' }],
    ['polyline', { points: '8,5 8,8.2 10.2,9.6' }],
  ],
  search: [
    ['circle', { cx: 7, cy: 7, r: 4.3 }],
    ['path', { d: 'M10.2 10.2l3.6 3.6' }],
  ],
} satisfies Record<string, Shape[]>;

/** Names of the icons. */
export type IconName = keyof typeof ICONS;

/**
 * An icon as inline SVG. Decorative (aria-hidden) unless `label` is given, in
 * which case it is an image with that accessible name.
 */
export function icon(name: IconName, label?: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '1.4');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('class', `icon icon-${name}`);
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  svg.setAttribute('focusable', 'false');
  for (const [tag, attrs] of ICONS[name] as Shape[]) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    svg.appendChild(el);
  }
  return svg;
}
