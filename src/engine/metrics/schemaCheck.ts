import type { ValidateFunction } from 'ajv';
import type { MeasuredValue } from './ragMetrics';

/** The outcome of checking an answer against data.schema. */
export interface SchemaCheckResult extends MeasuredValue {
  /** ajv's messages ("/age must be integer"), at most five. */
  errors?: string[];
}

/** The JSON inside an answer: the whole text, or the body of a single ```json fence around it. */
export function extractJson(answer: string): string {
  const trimmed = answer.trim();
  const fence = /^```(?:json)?\s*\n?([\s\S]*?)\n?```$/iu.exec(trimmed);
  return fence ? fence[1].trim() : trimmed;
}

/**
 * Checks that an answer is JSON valid against the schema (compiled by the data
 * reader with ajv): 1 when valid; 0 when the answer is not JSON or breaks the
 * schema, with the reason and ajv's messages.
 */
export function checkAnswerSchema(answer: string, validate: ValidateFunction): SchemaCheckResult {
  let data: unknown;
  try {
    data = JSON.parse(extractJson(answer));
  } catch (e) {
    return { value: 0, reason: 'the answer is not JSON', errors: [e instanceof Error ? e.message : String(e)] };
  }
  if (validate(data)) return { value: 1 };
  const errors = (validate.errors ?? []).slice(0, 5).map((err) => `${err.instancePath || '/'} ${err.message ?? 'is invalid'}`);
  return { value: 0, reason: 'the answer does not match the schema', errors };
}
