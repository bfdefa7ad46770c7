import * as path from 'node:path';

/** A profile's short name: its folder for `aiqk.yaml`, else the file name without `.aiqk.yaml`. */
export function profileShortName(profile: string): string {
  const base = path.basename(profile);
  if (/^aiqk\.ya?ml$/i.test(base)) return path.basename(path.dirname(profile)) || base;
  return base.replace(/(\.aiqk)?\.ya?ml$/i, '') || base;
}

/** The report view's tab title: `Report · demo · 14:32` (the run's local start time). */
export function reportTitle(profile: string, startedAt: string): string {
  const d = new Date(startedAt);
  const time = Number.isNaN(d.getTime()) ? '' : ` · ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `Report · ${profile ? profileShortName(profile) : 'run'}${time}`;
}
