import type * as vscode from 'vscode';

/** The extension's identifier as VS Code knows it. */
export const EXTENSION_ID = 'aiqk.ai-quality-kit';

/** Diagnostic source shown in the Problems panel. */
export const DIAGNOSTIC_SOURCE = 'AI Quality Kit';

/** Glob of run profile files. */
export const PROFILE_GLOB = '**/{aiqk.yaml,aiqk.yml,*.aiqk.yaml,*.aiqk.yml}';

/** Folders never searched for profiles. */
export const EXCLUDE_GLOB = '**/{node_modules,.git,dist,out,.aiqk,.cache}/**';

/** Documents that are run profiles. */
export const PROFILE_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/aiqk.{yaml,yml}' },
  { scheme: 'file', pattern: '**/*.aiqk.{yaml,yml}' },
];

/** Command identifiers (also in package.json, but for INTERNAL_COMMANDS). */
export const COMMANDS = {
  showRequirements: 'aiQualityKit.showRequirements',
  createProfile: 'aiQualityKit.createProfile',
  validateWorkspace: 'aiQualityKit.validateWorkspace',
  runTests: 'aiQualityKit.runTests',
  startRunInBackground: 'aiQualityKit.startRunInBackground',
  showRunningTests: 'aiQualityKit.showRunningTests',
  cancelRun: 'aiQualityKit.cancelRun',
  openLastReport: 'aiQualityKit.openLastReport',
  openReport: 'aiQualityKit.openReport',
  setApiKey: 'aiQualityKit.setApiKey',
  loadResultsFromReport: 'aiQualityKit.loadResultsFromReport',
  useBuiltInDatasets: 'aiQualityKit.useBuiltInDatasets',
  refreshRunsView: 'aiQualityKit.refreshRunsView',
  showRunLog: 'aiQualityKit.showRunLog',
  /** Registered by the report view when present (see report/openReport.ts). */
  openReportView: 'aiQualityKit.openReportView',
  openWizard: 'aiQualityKit.openWizard',
  editProfileInWizard: 'aiQualityKit.editProfileInWizard',
  testConnection: 'aiQualityKit.testConnection',
  addDataset: 'aiQualityKit.addDataset',
  openDemo: 'aiQualityKit.openDemo',
  openReadme: 'aiQualityKit.openReadme',
  showNotUsedRequirements: 'aiQualityKit.showNotUsedRequirements',
  hideNotUsedRequirements: 'aiQualityKit.hideNotUsedRequirements',
  runOnServer: 'aiQualityKit.runOnServer',
  setServerToken: 'aiQualityKit.setServerToken',
  cancelServerRun: 'aiQualityKit.cancelServerRun',
  openServerReport: 'aiQualityKit.openServerReport',
  refreshServerRuns: 'aiQualityKit.refreshServerRuns',
  /** Internal: the action of "create dataset" quick fixes (see diagnostics/quickFixes.ts), not in package.json. */
  createDatasetFile: 'aiQualityKit.createDatasetFile',
} as const;

/** The commands only our own code invokes: registered, but not contributed in package.json. */
export const INTERNAL_COMMANDS: readonly string[] = [COMMANDS.createDatasetFile];

/** Setting section. */
export const CONFIG_SECTION = 'aiQualityKit';

/** The setting (in CONFIG_SECTION) of the team server's address, for remote runs. */
export const SERVER_URL_SETTING = 'server.url';
