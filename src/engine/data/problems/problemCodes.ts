/**
 * Stable codes of the problems the dataset readers report. Each code is documented
 * in the README's "Problems" section (anchor = code); never rename one.
 */
export const DATA_PROBLEM_CODES = {
  /** The data file does not exist. */
  fileNotFound: 'file-not-found',
  /** The data file exists but cannot be read (a folder, no permission, ...). */
  fileUnreadable: 'file-unreadable',
  /** The file is binary or not UTF-8 text (UTF-16, Latin-1, …); nothing of it is loaded. */
  notText: 'not-text',
  /** A file read whole (schema, pii_patterns, YAML attacks, bias_groups) is over the size limit. */
  fileTooLarge: 'file-too-large',
  /** A JSONL line is longer than the line limit; it is skipped. */
  lineTooLong: 'line-too-long',
  /** A line or file is not valid JSON; the location is where parsing failed. */
  jsonSyntax: 'json-syntax',
  /** A YAML file does not parse. */
  yamlSyntax: 'yaml-syntax',
  /** A passages/qaset file is a JSON document (array or pretty-printed), not JSON Lines. */
  notJsonl: 'not-jsonl',
  /** A passages/qaset file looks like the other kind (e.g. a qaset given as passages). */
  wrongKind: 'wrong-kind',
  /** A JSONL line is valid JSON but not an object. */
  notAnObject: 'not-an-object',
  /** A required field is missing. */
  missingField: 'missing-field',
  /** A field has the wrong JSON/YAML type (e.g. a number where a string is needed). */
  wrongType: 'wrong-type',
  /** A text field that must say something is empty or only whitespace. */
  emptyText: 'empty-text',
  /** An id (passage id, qid, pattern name) repeats an earlier one; the repeat is skipped. */
  duplicateId: 'duplicate-id',
  /** An attack prompt or bias pair repeats an earlier one; the repeat is skipped. */
  duplicateEntry: 'duplicate-entry',
  /** A field the format does not know; it is ignored (warning). */
  unknownField: 'unknown-field',
  /** The file has no usable records. */
  emptyDataset: 'empty-dataset',
  /** A schema file is JSON but not a JSON Schema (needs `$schema`, `type` or `properties`). */
  notJsonSchema: 'not-json-schema',
  /** A JSON Schema does not validate against its meta-schema or does not compile. */
  invalidSchema: 'invalid-schema',
  /** A JSON Schema's `$schema` names a dialect that is not supported (draft-04 and older). */
  unsupportedDialect: 'unsupported-dialect',
  /** A JSON Schema has something the validator ignores, such as an unknown keyword (warning). */
  schemaWarning: 'schema-warning',
  /** A PII pattern is not a valid JavaScript regular expression (or has bad flags). */
  invalidRegex: 'invalid-regex',
  /** A PII pattern matches empty text, so it would match everywhere (warning). */
  emptyMatch: 'empty-match',
  /** A PII pattern names a validator that does not exist. */
  unknownValidator: 'unknown-validator',
  /** A bias pair is not exactly two different, non-empty groups written `a|b`. */
  badBiasPair: 'bad-bias-pair',
  /** Summary standing in for problems not listed after the per-file limit. */
  tooManyProblems: 'too-many-problems',
} as const;

/** One dataset problem code. */
export type DataProblemCode = (typeof DATA_PROBLEM_CODES)[keyof typeof DATA_PROBLEM_CODES];
