import * as vscode from 'vscode';

const added = new vscode.EventEmitter<vscode.Uri>();

/**
 * Fired when the extension itself adds a run profile in a way file watchers can
 * miss (a whole folder copied at once reaches them as the folder alone): the views
 * that list profiles listen to it beside their watchers.
 */
export const onDidAddProfile = added.event;

/** Tells the views listing profiles that this one was added. */
export function profileAdded(profile: vscode.Uri): void {
  added.fire(profile);
}
