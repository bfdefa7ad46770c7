// Generates the `thresholds` definition of schemas/aiqk.schema.json from the suites'
// manifests (src/engine/suites/*/manifest.ts), so the profile schema accepts exactly
// the thresholds the suites declare, with their defaults and meanings (a unit test
// compares). Then run node scripts/genProfileTypes.mjs for the TypeScript type.
// Run: node scripts/genThresholdSchema.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMA = 'schemas/aiqk.schema.json';

/** The schema of a threshold's values, by its unit. */
const RANGES = {
  ratio: { type: 'number', minimum: 0, maximum: 1 },
  ms: { type: 'number', minimum: 0 },
  count: { type: 'integer', minimum: 0 },
};

/** One threshold's schema: its range, default and a description for editor hovers. */
function propertyOf(t) {
  const range = RANGES[t.unit];
  if (!range) throw new Error(`threshold ${t.key}: unknown unit ${t.unit}`);
  const passes = `${t.metric} ${t.direction === 'min' ? '≥' : '≤'} this value`;
  return { description: `${t.doc} ${t.suite} passes when ${passes}. Default: ${t.default}.`, ...range, default: t.default };
}

/** One line of JSON with a space after each colon and comma, like the rest of the schema. */
function oneLine(value) {
  return JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']');
}

/** The schema text with its `thresholds` definition rendered from `thresholds` (the manifests' table). */
export function renderThresholdSchema(schemaText, thresholds) {
  const start = schemaText.indexOf('\n    "thresholds": {\n');
  const end = schemaText.indexOf('\n    },\n', start);
  if (start < 0 || end < 0) throw new Error(`${SCHEMA}: no definitions.thresholds block found`);
  const lines = thresholds.map(
    (t, i) => `        ${JSON.stringify(t.key)}: ${oneLine(propertyOf(t))}${i < thresholds.length - 1 ? ',' : ''}`,
  );
  const block = [
    '\n    "thresholds": {',
    '      "$comment": "Generated from the suites\' manifests by scripts/genThresholdSchema.mjs: do not edit by hand.",',
    '      "description": "Pass/fail thresholds; every metric has a documented default (README, Thresholds).",',
    '      "type": "object",',
    '      "additionalProperties": false,',
    '      "properties": {',
    ...lines,
    '      }',
  ].join('\n');
  return schemaText.slice(0, start) + block + schemaText.slice(end);
}

// Compared as paths: the URL form percent-encodes spaces and other characters of the checkout's path.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // The manifests are TypeScript: tsx loads them.
  const { tsImport } = await import('tsx/esm/api');
  const { THRESHOLDS } = await tsImport('../src/engine/metrics/thresholds.ts', import.meta.url);
  const current = readFileSync(SCHEMA, 'utf8');
  const next = renderThresholdSchema(current, THRESHOLDS);
  if (process.argv.includes('--check')) {
    if (current !== next) {
      console.error(`${SCHEMA} is out of date: run node scripts/genThresholdSchema.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA, next);
  }
}
