// The record shapes suites read. Kept in step with src/engine/data's readers.

/** A passage of the knowledge base. */
export interface PassageRecord { id: string; text: string; meta?: Record<string, unknown> }
/** A question with its expected answer. */
export interface QaRecord { qid: string; question: string; expected_answer: string; contexts?: string[] }
/** An attack prompt. */
export interface AttackRecord { prompt: string; category?: string; line?: number }
/** A PII pattern, compiled. */
export interface PiiPatternRecord { name: string; pattern: string; description: string; regex: RegExp; validator?: string }
/** A pair of groups compared by bias_smoke. */
export interface BiasPairRecord { a: string; b: string }
/** A JSON Schema answers must satisfy. */
export type AnswerSchemaRecord = Record<string, unknown>;

/** The record type of each data kind. */
export interface DataRecords {
  passages: PassageRecord[];
  qaset: QaRecord[];
  attacks: AttackRecord[];
  schema: AnswerSchemaRecord[];
  pii_patterns: PiiPatternRecord[];
  bias_groups: BiasPairRecord[];
}
