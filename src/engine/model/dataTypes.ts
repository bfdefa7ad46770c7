import type { ValidateFunction } from 'ajv';
import type { Problem } from './problem';
import type { DataKind } from './dataKinds';

/** One passage of the RAG corpus (passages JSONL). */
export interface Passage {
  id: string;
  text: string;
  meta?: Record<string, unknown>;
  /** 1-based line in the file (always set by the reader; optional for records built in code). */
  line?: number;
}

/** One question with its expected answer (qaset JSONL). */
export interface QaItem {
  qid: string;
  question: string;
  expected_answer: string;
  /** Passage ids or passage texts that support the answer. */
  contexts?: string[];
  /** 1-based line in the file (always set by the reader). */
  line?: number;
}

/** One adversarial prompt (attacks text or YAML). */
export interface Attack {
  prompt: string;
  category?: string;
  /** 1-based line of the prompt in its file. */
  line: number;
}

/** The JSON Schema dialects the schema reader accepts. */
export type SchemaDialect = 'draft-06' | 'draft-07' | '2019-09' | '2020-12';

/** A JSON Schema the target's answers must satisfy, compiled and ready to use. */
export interface AnswerSchema {
  schema: Record<string, unknown>;
  dialect: SchemaDialect;
  validate: ValidateFunction;
}

/** One PII detector: a regular expression plus an optional checksum validator. */
export interface PiiPattern {
  name: string;
  pattern: string;
  description: string;
  /** Compiled with the file's `flags` plus `g`, ready for `matchAll`. */
  regex: RegExp;
  validator?: string;
  /** 1-based line of the pattern's name in the file (always set by the reader). */
  line?: number;
}

/** Two groups a bias suite compares (e.g. female vs male). */
export interface BiasPair {
  a: string;
  b: string;
}

/** The record type each data kind loads into. */
export interface DataRecordMap {
  passages: Passage;
  qaset: QaItem;
  attacks: Attack;
  schema: AnswerSchema;
  pii_patterns: PiiPattern;
  bias_groups: BiasPair;
}

/** Options for reading a data file. */
export interface DataReadOptions {
  /** Aborts the read; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Problems listed before one summary problem stands in for the rest (default 200). */
  maxProblems?: number;
  /** Progress of streamed (JSONL and text) files: bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The file's text as an editor holds it (unsaved edits), checked instead of the file on disk. */
  contents?: string;
}

/** The result of checking a data file without keeping its records. */
export interface DataFileCheck {
  kind: DataKind;
  file: string;
  /** Records that load (lines with only warnings count). */
  records: number;
  /** Lines (or entries, in JSON/YAML files) skipped because of an error. */
  brokenLines: number;
  problems: Problem[];
}

/** A loaded dataset: the good records plus everything wrong with the file. */
export interface LoadedDataset<T> {
  kind: DataKind;
  file: string;
  records: T[];
  brokenLines: number;
  problems: Problem[];
}

/** Default number of problems listed per file before the summary problem. */
export const DEFAULT_MAX_PROBLEMS = 200;
