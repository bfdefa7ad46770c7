/** The kinds of test data a run profile can reference (DESIGN.md, Data kinds). */
export const DATA_KINDS = ['passages', 'qaset', 'attacks', 'schema', 'pii_patterns', 'bias_groups'] as const;

/** One kind of test data. */
export type DataKind = (typeof DATA_KINDS)[number];

/** Whether a string names a data kind. */
export function isDataKind(value: string): value is DataKind {
  return (DATA_KINDS as readonly string[]).includes(value);
}
