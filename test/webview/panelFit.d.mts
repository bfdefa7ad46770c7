/** Everything that sticks out of `panel` sideways, one line each (none when it fits); inside a box matching `scrollers` only the box is measured. */
export function panelOverflow(panel: Element, scrollers?: string): string[];
/** Why `el` cannot be reached with the mouse once scrolled to, or '' when it can. */
export function unreachable(el: Element): string;
