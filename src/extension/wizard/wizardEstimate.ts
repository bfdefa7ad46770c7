// The side panel's estimated number of cases, planned in the background after
// each change; a result that arrives after the answers changed again is dropped.
// Kept free of `vscode`.
import type { RunProfile } from '../../engine/model/profileTypes';
import type { CaseEstimate } from '../../engine/wizard/estimate';
import { estimateCases } from '../../engine/wizard/estimate';

/** The latest estimate of a session. */
export class WizardEstimate {
  private value: CaseEstimate | null = null;
  private key = '';

  /** The estimate for the answers as they are now, or null (not known yet, or nothing to plan). */
  get current(): CaseEstimate | null {
    return this.value;
  }

  /** Plans the profile written at `file` unless that was done already; `onReady` runs when a new estimate is in. */
  refresh(profile: RunProfile | undefined, file: string, onReady: () => void): void {
    if (!profile) {
      this.value = null;
      this.key = '';
      return;
    }
    const key = `${file}\u0000${JSON.stringify(profile)}`;
    if (key === this.key) return;
    this.key = key;
    void estimateCases(profile, file).then(
      (e) => {
        if (this.key !== key) return;
        this.value = e;
        onReady();
      },
      () => undefined,
    );
  }
}
