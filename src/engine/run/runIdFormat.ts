import { RUN_ID_PATTERN } from '../report/runId';

/** Why a run id cannot be used, or undefined when it can (the report schema's `run_<yyyymmdd-hhmmss>_<8 hex>`). */
export function runIdProblem(id: string): string | undefined {
  if (RUN_ID_PATTERN.test(id)) return undefined;
  return `run id '${id.length > 40 ? `${id.slice(0, 40)}…` : id}' is not valid: it must look like run_<yyyymmdd-hhmmss>_<8 hex digits>, e.g. run_20250101-120000_1a2b3c4d`;
}
