// What the user has going on in the wizard's webview (the answer being typed,
// the matrix's sort, whether it is open), kept with getState/setState so it
// survives the panel being hidden or the window reloading. Never a secret.

/** Sortable columns of the full requirements matrix. */
export type MatrixSortKey = 'suite' | 'kind' | 'level' | 'status';

/** The webview's own state. */
export interface UiState {
  draft: string;
  matrixOpen: boolean;
  sort: { key: MatrixSortKey; dir: 'asc' | 'desc' };
  /** Earlier answers typed, newest last, for ArrowUp recall. */
  history: string[];
}

const KEYS: readonly MatrixSortKey[] = ['suite', 'kind', 'level', 'status'];

/** A stored state read back; anything malformed falls back to the default. */
export function restoreUi(value: unknown): UiState {
  const s = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const sort = (typeof s.sort === 'object' && s.sort !== null ? s.sort : {}) as Record<string, unknown>;
  return {
    draft: typeof s.draft === 'string' && s.draft.length < 4000 ? s.draft : '',
    matrixOpen: s.matrixOpen === true,
    sort: {
      key: KEYS.includes(sort.key as MatrixSortKey) ? (sort.key as MatrixSortKey) : 'status',
      dir: sort.dir === 'desc' ? 'desc' : 'asc',
    },
    history: Array.isArray(s.history) ? s.history.filter((x): x is string => typeof x === 'string' && x.length < 4000).slice(-30) : [],
  };
}
