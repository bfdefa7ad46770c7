/** A threshold as the generator reads it (the manifests' table, src/engine/metrics/thresholds.ts). */
export interface ThresholdRow {
  key: string;
  suite: string;
  metric: string;
  direction: 'min' | 'max';
  default: number;
  unit: 'ratio' | 'ms' | 'count';
  doc: string;
}

/** The schema text with its `thresholds` definition rendered from `thresholds` (the manifests' table). */
export function renderThresholdSchema(schemaText: string, thresholds: readonly ThresholdRow[]): string;
