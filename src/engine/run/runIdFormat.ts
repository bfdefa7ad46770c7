// Run ids become file names (<run_id>.json) and travel in commands, so a
// client-chosen id is held to a safe alphabet. Generated ids look like
// run_<yyyymmdd-hhmmss>_<8 hex> and always match.
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Why a run id cannot be used, or undefined when it can. */
export function runIdProblem(id: string): string | undefined {
  if (RUN_ID.test(id)) return undefined;
  return `run id '${id.length > 40 ? `${id.slice(0, 40)}…` : id}' is not valid: use 1–100 letters, digits, '_' or '-', starting with a letter or digit (e.g. run_20250101-120000_1a2b3c4d)`;
}
