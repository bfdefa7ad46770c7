// The record shapes suites read: those the readers in src/engine/data produce.
import type { Attack, AnswerSchema, BiasPair, Passage, PiiPattern, QaItem } from './dataTypes';

/** A passage of the knowledge base. */
export type PassageRecord = Passage;
/** A question with its expected answer. */
export type QaRecord = QaItem;
/** An attack prompt. */
export type AttackRecord = Attack;
/** A PII pattern, compiled. */
export type PiiPatternRecord = PiiPattern;
/** A pair of groups compared by bias_smoke. */
export type BiasPairRecord = BiasPair;
/** A compiled JSON Schema answers must satisfy (`validate` is an ajv function). */
export type AnswerSchemaRecord = AnswerSchema;

/** The record type of each data kind. */
export interface DataRecords {
  passages: PassageRecord[];
  qaset: QaRecord[];
  attacks: AttackRecord[];
  schema: AnswerSchemaRecord[];
  pii_patterns: PiiPatternRecord[];
  bias_groups: BiasPairRecord[];
}
