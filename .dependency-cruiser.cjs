// The import contract (docs/architecture.md), checked by `npm test` ("import contract" step):
//   npx depcruise --config .dependency-cruiser.cjs src webview
// Each rule names what it protects; a violation prints the rule's name, its comment and the import.

/**
 * The engine's floors, bottom first. A folder of src/engine/ may import its own files and
 * the folders below it, never one above: so no two engine folders can import each other.
 */
const ENGINE_FLOORS = [
  'model',
  'data',
  'requirements',
  'metrics',
  'config',
  'secrets',
  'detectors',
  'targets',
  'judge',
  'resilience',
  'suites',
  'report',
  'prepare',
  'run',
  'wizard',
];

/**
 * The extension's rooms, bottom first (`core` holds what every room shares). A room may
 * import the rooms below it; features register themselves from src/extension/extension.ts.
 */
const EXTENSION_FLOORS = [
  'core',
  'webview',
  'secrets',
  'profiles',
  'diagnostics',
  'requirements',
  'report',
  'testing',
  'tree',
  'runs',
  'wizard',
];

/** A suite's manifest is vocabulary: data only, importing only model/, importable from any engine floor. */
const MANIFESTS = '^src/engine/suites/(manifests\\.ts$|[^/]+/manifest\\.ts$)';

/** One rule per floor: nothing in it imports a floor above it. */
function floorRules(base, floors, exempt) {
  return floors.slice(0, -1).map((floor, i) => ({
    name: `floors-${base.split('/').pop()}-${floor}`,
    severity: 'error',
    comment: `${base}/${floor}/ is on a lower floor than ${floors.slice(i + 1).join(', ')}: it may import only ${floors.slice(0, i + 1).join(', ')} (docs/architecture.md)`,
    from: { path: `^${base}/${floor}/` },
    to: { path: `^${base}/(${floors.slice(i + 1).join('|')})/`, ...(exempt ? { pathNot: exempt } : {}) },
  }));
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles are not allowed anywhere: move the shared piece down a floor.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-is-a-library',
      severity: 'error',
      comment: 'src/engine/ imports nothing from src/cli, src/extension, src/protocol.ts or webview/.',
      from: { path: '^src/engine/' },
      to: { path: '^(src/cli/|src/extension/|src/protocol\\.ts$|webview/)' },
    },
    {
      name: 'engine-files-live-in-floors',
      severity: 'error',
      comment: `Every engine file lives in one of the floors: ${ENGINE_FLOORS.join(', ')}.`,
      from: { path: '^src/engine/' },
      to: { path: '^src/engine/', pathNot: `^src/engine/(${ENGINE_FLOORS.join('|')})/` },
    },
    ...floorRules('src/engine', ENGINE_FLOORS, MANIFESTS),
    {
      name: 'manifests-are-data',
      severity: 'error',
      comment: 'A suite manifest is data only: it imports nothing but src/engine/model/ (and the manifests table its manifests).',
      from: { path: MANIFESTS },
      to: { pathNot: `^src/engine/model/|${MANIFESTS}` },
    },
    {
      name: 'model-is-the-ground-floor',
      severity: 'error',
      comment: 'src/engine/model/ is the shared vocabulary: it imports nothing of ours outside itself.',
      from: { path: '^src/engine/model/' },
      to: { path: '^(src|webview)/', pathNot: '^src/engine/model/' },
    },
    {
      name: 'cli-not-extension',
      severity: 'error',
      comment: 'src/cli/ runs without VS Code: it never imports src/extension/.',
      from: { path: '^src/cli/' },
      to: { path: '^src/extension/' },
    },
    ...floorRules('src/extension', EXTENSION_FLOORS),
    {
      name: 'extension-features-do-not-import-activation',
      severity: 'error',
      comment: 'src/extension/extension.ts wires the features together; no feature imports it.',
      from: { path: '^src/extension/.+/' },
      to: { path: '^src/extension/extension\\.ts$' },
    },
    {
      name: 'webview-imports-protocol-and-model',
      severity: 'error',
      comment: 'webview/ is browser code: of src/ it may import only src/protocol.ts and src/engine/model/.',
      from: { path: '^webview/' },
      to: { path: '^src/', pathNot: '^src/(protocol\\.ts$|engine/model/)' },
    },
    {
      name: 'webview-and-protocol-import-types-only',
      severity: 'error',
      comment: 'webview/ and src/protocol.ts take only types from the engine (import type), never engine code.',
      from: { path: '^(webview/|src/protocol\\.ts$)' },
      to: { path: '^src/', pathNot: '^src/protocol\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'protocol-imports-model-only',
      severity: 'error',
      comment: 'src/protocol.ts is the message contract: it may import only src/engine/model/.',
      from: { path: '^src/protocol\\.ts$' },
      to: { path: '^(src|webview)/', pathNot: '^src/engine/model/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
