import * as vscode from 'vscode';
import type { RunStatus } from '../../engine/model/runTypes';

/** The icon of a run's status in the extension's trees (profiles, reports, team server runs). */
export const RUN_STATUS_ICON: Readonly<Record<RunStatus, vscode.ThemeIcon>> = {
  passed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconErrored')),
  cancelled: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('testing.iconSkipped')),
  inconclusive: new vscode.ThemeIcon('question', new vscode.ThemeColor('charts.purple')),
};

/** The icon of a run status, or undefined for a status that is not one (an older or foreign report). */
export function runStatusIcon(status: string | undefined): vscode.ThemeIcon | undefined {
  return status !== undefined && Object.hasOwn(RUN_STATUS_ICON, status) ? RUN_STATUS_ICON[status as RunStatus] : undefined;
}
