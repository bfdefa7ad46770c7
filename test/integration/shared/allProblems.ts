// What the broken folder test/fixtures/workspaces/allProblems holds: a dozen distinct
// problems across a schema-invalid profile and five datasets. The CLI test and the
// extension-host test both expect every one of them from a single check. Broken lines of a
// dataset that still loads records are warnings (the run skips them), as in `aiqk run`.

/** Every problem of the broken folder, as `file:line:col: severity … [code]` prefixes and codes. */
export const ALL_PROBLEMS: readonly { file: string; line: number; column: number; severity: string; code: string }[] = [
  { file: 'aiqk.yaml', line: 5, column: 3, severity: 'error', code: 'unknown-key' },
  { file: 'aiqk.yaml', line: 6, column: 10, severity: 'error', code: 'unknown-suite' },
  { file: 'aiqk.yaml', line: 6, column: 23, severity: 'error', code: 'missing-data' },
  { file: 'aiqk.yaml', line: 7, column: 10, severity: 'error', code: 'invalid-value' },
  { file: 'aiqk.yaml', line: 9, column: 16, severity: 'error', code: 'wrong-type' },
  { file: 'aiqk.yaml', line: 16, column: 11, severity: 'error', code: 'dataset-problems' },
  { file: 'data/passages.jsonl', line: 2, column: 47, severity: 'warning', code: 'json-syntax' },
  { file: 'data/passages.jsonl', line: 3, column: 22, severity: 'warning', code: 'empty-text' },
  { file: 'data/qaset.jsonl', line: 2, column: 1, severity: 'warning', code: 'missing-field' },
  { file: 'data/qaset.jsonl', line: 3, column: 9, severity: 'warning', code: 'duplicate-id' },
  { file: 'data/pii.json', line: 3, column: 23, severity: 'warning', code: 'invalid-regex' },
  { file: 'data/groups.csv', line: 2, column: 1, severity: 'warning', code: 'bad-bias-pair' },
  { file: 'data/schema.json', line: 1, column: 54, severity: 'error', code: 'invalid-schema' },
];
