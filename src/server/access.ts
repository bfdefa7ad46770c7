import type { RunRecord } from './runRecord';
import type { Principal } from './tokens';

/** Whether a caller may see and cancel a run: its owner, or an admin. */
export function mayTouch(principal: Principal | undefined, run: RunRecord): boolean {
  return principal !== undefined && (principal.role === 'admin' || run.owner === principal.id);
}
