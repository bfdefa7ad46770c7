import { randomBytes } from 'node:crypto';

/** The shape of a generated run id: `run_<yyyymmdd-hhmmss>_<8 hex>` (UTC). */
export const RUN_ID_PATTERN = /^run_\d{8}-\d{6}_[0-9a-f]{8}$/;

/**
 * A new run id, `run_<yyyymmdd-hhmmss>_<8 hex>`, in UTC so ids sort by start
 * time whatever the machine's zone; the random part keeps parallel runs apart.
 */
export function newRunId(date: Date = new Date()): string {
  if (Number.isNaN(date.getTime())) throw new Error('newRunId: invalid date');
  const two = (n: number): string => String(n).padStart(2, '0');
  const day = `${String(date.getUTCFullYear()).padStart(4, '0')}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`;
  const time = `${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}`;
  return `run_${day}-${time}_${randomBytes(4).toString('hex')}`;
}

/** Why a run id cannot be used, or undefined when it can (the report schema's `run_<yyyymmdd-hhmmss>_<8 hex>`). */
export function runIdProblem(id: string): string | undefined {
  if (RUN_ID_PATTERN.test(id)) return undefined;
  return `run id '${id.length > 40 ? `${id.slice(0, 40)}…` : id}' is not valid: it must look like run_<yyyymmdd-hhmmss>_<8 hex digits>, e.g. run_20250101-120000_1a2b3c4d`;
}
