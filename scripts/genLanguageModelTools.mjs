// Writes package.json `contributes.languageModelTools` from the agent tools' table
// (src/extension/agentTools/toolContributions.ts), so the editor's language-model
// tools never drift from what `aiqk mcp` serves (a unit test compares the two).
// Run: node --import tsx scripts/genLanguageModelTools.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { languageModelToolContributions } from '../src/extension/agentTools/toolContributions.ts';

const PACKAGE = 'package.json';

/** package.json's text with the contributions of today's agent tools. */
export function renderPackageJson(text) {
  const pkg = JSON.parse(text);
  pkg.contributes.languageModelTools = languageModelToolContributions();
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = readFileSync(PACKAGE, 'utf8');
  const next = renderPackageJson(text);
  if (process.argv.includes('--check')) {
    if (next !== text) {
      console.error(`${PACKAGE} contributes.languageModelTools is out of date: run node --import tsx scripts/genLanguageModelTools.mjs`);
      process.exit(1);
    }
  } else if (next !== text) {
    writeFileSync(PACKAGE, next);
    console.log(`${PACKAGE}: contributes.languageModelTools written (${JSON.parse(next).contributes.languageModelTools.length} tools)`);
  } else console.log(`${PACKAGE}: contributes.languageModelTools is up to date`);
}
