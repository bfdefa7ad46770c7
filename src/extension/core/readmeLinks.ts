import * as vscode from 'vscode';
import { findReadme, readmeSectionPath } from './readme';

/**
 * Links to sections of the extension's own README that open from the installed
 * package (the file's real name, at the section's line). Read once, at activation.
 */
export function readmeLinks(extensionUri: vscode.Uri): (anchor: string) => vscode.Uri {
  const readme = extensionUri.scheme === 'file' ? findReadme(extensionUri.fsPath) : undefined;
  const fallback = vscode.Uri.joinPath(extensionUri, 'README.md');
  return (anchor) => {
    if (!readme) return fallback.with({ fragment: anchor });
    const { file, fragment } = readmeSectionPath(readme, anchor);
    return vscode.Uri.file(file).with({ fragment });
  };
}
