import type { SheetCell } from '../model/reportSheets';

const MAX_SHEET_NAME = 31;

/**
 * A valid, unique sheet name: Excel forbids `[]:*?/\`, a leading or trailing
 * apostrophe and more than 31 characters, and compares names case-insensitively.
 */
export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'+|'+$/g, '')
      .slice(0, MAX_SHEET_NAME) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = `_${n}`;
    name = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Rows of `key path / value` for a JSON value (the Inputs sheet): `target.mode`, `suites[0]`… */
export function* flattenForSheet(value: unknown, prefix = ''): Generator<[string, SheetCell]> {
  if (Array.isArray(value)) {
    if (value.length === 0) yield [prefix, '[]'];
    for (let i = 0; i < value.length; i++) yield* flattenForSheet(value[i], `${prefix}[${i}]`);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) yield [prefix, '{}'];
    for (const [k, v] of entries) yield* flattenForSheet(v, prefix ? `${prefix}.${k}` : k);
    return;
  }
  if (value === undefined) return;
  yield [
    prefix,
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : value === null ? 'null' : String(value),
  ];
}
