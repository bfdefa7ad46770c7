// Generates src/engine/model/profileTypes.ts from schemas/aiqk.schema.json, so the
// TypeScript type of a run profile can never drift from its schema (a unit test
// regenerates it and compares). Run: node scripts/genProfileTypes.mjs [--check]
import { compile } from 'json-schema-to-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = 'src/engine/model/profileTypes.ts';

/** Renders the TypeScript source for the run-profile schema. */
export async function renderProfileTypes() {
  const schema = JSON.parse(readFileSync('schemas/aiqk.schema.json', 'utf8'));
  // The schema's title is for people (editor hovers); the type is named RunProfile.
  const ts = await compile({ ...schema, title: 'RunProfile' }, 'RunProfile', {
    bannerComment: '/* Generated from schemas/aiqk.schema.json by scripts/genProfileTypes.mjs: do not edit. */',
    additionalProperties: false,
    style: { singleQuote: true },
  });
  return ts;
}

// Compared as paths: the URL form percent-encodes spaces and other characters of the checkout's path.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ts = await renderProfileTypes();
  if (process.argv.includes('--check')) {
    if (readFileSync(OUT, 'utf8') !== ts) {
      console.error(`${OUT} is out of date: run node scripts/genProfileTypes.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(OUT, ts);
  }
}
