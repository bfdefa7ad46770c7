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
  'agent',
];

/**
 * The extension's rooms, bottom first (`core` holds what every room shares: constants and
 * the command manager). A room may import the rooms below it; each registers itself
 * through one register…(context, deps) function that src/extension/extension.ts calls,
 * and what it needs from a room above it is handed in there.
 */
const EXTENSION_FLOORS = [
  'core',
  'webview',
  'profiles',
  'secrets',
  'diagnostics',
  'requirements',
  'report',
  'runs',
  'remote',
  'testing',
  'profilesAndRuns',
  'wizard',
  'agentTools',
];

/** A suite's manifest is vocabulary: data only, importing only model/, importable from any engine floor. */
const MANIFESTS = '^src/engine/suites/(manifests\\.ts$|[^/]+/manifest\\.ts$)';

/** A rule: imports matching `from` → `to` are errors, explained by `comment`. */
function forbid(name, comment, from, to) {
  return { name, severity: 'error', comment, from, to };
}

/** One rule per floor: nothing in it imports a floor above it. */
function floorRules(base, floors, exempt) {
  return floors
    .slice(0, -1)
    .map((floor, i) =>
      forbid(
        `floors-${base.split('/').pop()}-${floor}`,
        `${base}/${floor}/ is on a lower floor than ${floors.slice(i + 1).join(', ')}: it may import only ${floors.slice(0, i + 1).join(', ')} (docs/architecture.md)`,
        { path: `^${base}/${floor}/` },
        { path: `^${base}/(${floors.slice(i + 1).join('|')})/`, ...(exempt ? { pathNot: exempt } : {}) },
      ),
    );
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid('no-circular', 'Import cycles are not allowed anywhere: move the shared piece down a floor.', {}, { circular: true }),
    forbid(
      'engine-is-a-library',
      'src/engine/ imports nothing from src/cli, src/extension, src/protocol.ts or webview/.',
      { path: '^src/engine/' },
      { path: '^(src/cli/|src/extension/|src/protocol\\.ts$|webview/)' },
    ),
    forbid(
      'engine-files-live-in-floors',
      `Every engine file lives in one of the floors: ${ENGINE_FLOORS.join(', ')}.`,
      { path: '^src/engine/' },
      { path: '^src/engine/', pathNot: `^src/engine/(${ENGINE_FLOORS.join('|')})/` },
    ),
    ...floorRules('src/engine', ENGINE_FLOORS, MANIFESTS),
    forbid(
      'targets-kinds-below-the-factory',
      'A target kind (targets/http/, mcp/, builtin/) never imports the factory or other files of targets/ itself.',
      { path: '^src/engine/targets/[^/]+/' },
      { path: '^src/engine/targets/[^/]+\\.ts$' },
    ),
    forbid(
      'targets-kinds-apart',
      'Target kinds do not import each other, except mcp/ using http/ (JSONPath, templates).',
      { path: '^src/engine/targets/([^/]+)/' },
      { path: '^src/engine/targets/[^/]+/', pathNot: ['^src/engine/targets/$1/', '^src/engine/targets/http/'] },
    ),
    forbid(
      'targets-http-not-other-kinds',
      'targets/http/ is the transport the other kinds may use: it imports none of them.',
      { path: '^src/engine/targets/http/' },
      { path: '^src/engine/targets/(mcp|builtin)/' },
    ),
    forbid(
      'manifests-are-data',
      'A suite manifest is data only: it imports nothing but src/engine/model/ (and the manifests table its manifests).',
      { path: MANIFESTS },
      { pathNot: `^src/engine/model/|${MANIFESTS}` },
    ),
    forbid(
      'model-is-the-ground-floor',
      'src/engine/model/ is the shared vocabulary: it imports nothing of ours outside itself.',
      { path: '^src/engine/model/' },
      { path: '^(src|webview)/', pathNot: '^src/engine/model/' },
    ),
    forbid(
      'cli-not-extension',
      'src/cli/ runs without VS Code: it never imports src/extension/.',
      { path: '^src/cli/' },
      { path: '^src/extension/' },
    ),
    forbid(
      'server-is-a-face-of-the-engine',
      'src/server/ (the team server of `aiqk serve`) stands on the engine like the CLI: it never imports src/cli, src/extension, src/protocol.ts or webview/.',
      { path: '^src/server/' },
      { path: '^(src/cli/|src/extension/|src/protocol\\.ts$|webview/)' },
    ),
    forbid(
      'only-the-cli-starts-the-server',
      'src/server/ is started by `aiqk serve` (src/cli/serveCommand.ts); the engine, the extension and the webviews never import it.',
      { path: '^(src/engine/|src/extension/|src/protocol\\.ts$|webview/)' },
      { path: '^src/server/' },
    ),
    ...floorRules('src/extension', EXTENSION_FLOORS),
    forbid(
      'extension-files-live-in-rooms',
      `Every src/extension file but extension.ts lives in one of the rooms: ${EXTENSION_FLOORS.join(', ')}.`,
      { path: '^src/extension/' },
      { path: '^src/extension/', pathNot: `^src/extension/(extension\\.ts$|(${EXTENSION_FLOORS.join('|')})/)` },
    ),
    forbid(
      'extension-features-do-not-import-activation',
      'src/extension/extension.ts wires the features together; no feature imports it.',
      { path: '^src/extension/.+/' },
      { path: '^src/extension/extension\\.ts$' },
    ),
    forbid(
      'webview-imports-protocol-and-model',
      'webview/ is browser code: of src/ it may import only src/protocol.ts and src/engine/model/.',
      { path: '^webview/' },
      { path: '^src/', pathNot: '^src/(protocol\\.ts$|engine/model/)' },
    ),
    forbid(
      'webview-and-protocol-import-types-only',
      'webview/ and src/protocol.ts take only types from the engine (import type), never engine code.',
      { path: '^(webview/|src/protocol\\.ts$)' },
      { path: '^src/', pathNot: '^src/protocol\\.ts$', dependencyTypesNot: ['type-only'] },
    ),
    forbid(
      'protocol-imports-model-only',
      'src/protocol.ts is the message contract: it may import only src/engine/model/.',
      { path: '^src/protocol\\.ts$' },
      { path: '^(src|webview)/', pathNot: '^src/engine/model/' },
    ),
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
