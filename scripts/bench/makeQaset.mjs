// Generates bench-data/qaset-200mb.jsonl: a ~200 MB qaset with 1% broken lines of
// several kinds, deterministically (seeded), for scripts/bench/validateBench.mjs.
// Skips the work when the file is already there. Usage: node scripts/bench/makeQaset.mjs [sizeMB]
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './seededRandom.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sizeMb = Number(process.argv[2] ?? 200);
const out = join(root, 'bench-data', sizeMb === 200 ? 'qaset-200mb.jsonl' : `qaset-${sizeMb}mb.jsonl`);
const target = sizeMb * 1024 * 1024;

if (existsSync(out)) {
  console.log(`${out} exists (${(statSync(out).size / 1048576).toFixed(1)} MiB); delete it to regenerate`);
  process.exit(0);
}
mkdirSync(dirname(out), { recursive: true });

// Seeded, so every run writes the same bytes.
const rand = mulberry32(0x5eed1234);
const pick = (a) => a[Math.floor(rand() * a.length)];
const words =
  'storage plan pricing bucket quota upload download share link folder sync device retention backup restore invoice billing region encryption key token limit request minute hour team admin member role audit log version history trash policy'.split(
    ' ',
  );
const sentence = (n) => Array.from({ length: n }, () => pick(words)).join(' ');

function goodRecord(i) {
  const ctx = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => `p${Math.floor(rand() * 5000)}`);
  return {
    qid: `q${i}`,
    question: `What is the ${sentence(8 + Math.floor(rand() * 10))}?`,
    expected_answer: sentence(4 + Math.floor(rand() * 8)),
    contexts: ctx,
  };
}

// Each breakage is a function from a good line (and its record) to a broken line.
const breakages = [
  (line) => line.slice(0, Math.floor(line.length / 2)), // truncated
  (line) => line.replace('"question"', '"qestion"'), // typo: missing field
  (_l, r) => JSON.stringify({ ...r, qid: Number(r.qid.slice(1)) }), // numeric qid
  (_l, r) => JSON.stringify({ ...r, question: '   ' }), // empty text
  (_l, r) => JSON.stringify({ ...r, qid: 'q1' }), // duplicate id
  (line) => line.replace('}', ',}').replace(/,}$/, ',}'), // trailing comma
  (_l, r) => JSON.stringify([r.qid, r.question]), // not an object
  (line) => line.replaceAll('"', "'"), // single quotes
  (_l, r) => JSON.stringify({ ...r, contexts: [1, 2] }), // wrong item type
];

const tmp = `${out}.part`;
const ws = createWriteStream(tmp);
let written = 0;
let i = 1;
let broken = 0;
let lines = 0;
const BATCH = 2000;
function writeBatch() {
  while (written < target) {
    const parts = [];
    for (let b = 0; b < BATCH && written < target; b++, i++) {
      const r = goodRecord(i);
      let line = JSON.stringify(r);
      if (i % 20 === 7) line = JSON.stringify({ ...r, difficulty: 'easy' }); // unknown field: warning only
      if (rand() < 0.01) {
        line = pick(breakages)(line, r);
        broken++;
      }
      if (i % 97 === 0) line += '\r'; // some CRLF
      parts.push(line, '\n');
      written += Buffer.byteLength(line) + 1;
      lines++;
    }
    if (!ws.write(parts.join(''))) return ws.once('drain', writeBatch);
  }
  ws.end(() => {
    renameSync(tmp, out);
    console.log(`wrote ${out}: ${(written / 1048576).toFixed(1)} MiB, ${lines} lines, ${broken} deliberately broken`);
  });
}
writeBatch();
