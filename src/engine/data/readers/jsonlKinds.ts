import { readJsonl } from './jsonlReader';
import type { JsonlSpec } from './jsonlFields';
import type { DataFileCheck, DataReadOptions, LoadedDataset, Passage, QaItem } from '../../model/dataTypes';

/** The passages JSONL format: `{"id", "text", "meta"?}`. */
export const PASSAGES_SPEC: JsonlSpec<Passage> = {
  kind: 'passages',
  idField: 'id',
  fields: [
    { name: 'id', type: 'string', required: true, nonEmpty: true },
    { name: 'text', type: 'string', required: true, nonEmpty: true },
    { name: 'meta', type: 'object', required: false, nonEmpty: false },
  ],
  aliases: { _id: 'id', passage_id: 'id', doc_id: 'id', content: 'text', passage: 'text', body: 'text', metadata: 'meta' },
  other: { kind: 'qaset', required: ['question', 'expected_answer'] },
  build: (o, line) => {
    const p: Passage = { id: o.id as string, text: o.text as string, line };
    if (o.meta !== undefined && o.meta !== null) p.meta = o.meta as Record<string, unknown>;
    return p;
  },
};

/** The qaset JSONL format: `{"qid", "question", "expected_answer", "contexts"?}`. */
export const QASET_SPEC: JsonlSpec<QaItem> = {
  kind: 'qaset',
  idField: 'qid',
  fields: [
    { name: 'qid', type: 'string', required: true, nonEmpty: true },
    { name: 'question', type: 'string', required: true, nonEmpty: true },
    { name: 'expected_answer', type: 'string', required: true, nonEmpty: true },
    { name: 'contexts', type: 'stringArray', required: false, nonEmpty: false },
  ],
  aliases: {
    id: 'qid',
    question_id: 'qid',
    query: 'question',
    q: 'question',
    answer: 'expected_answer',
    expected: 'expected_answer',
    ground_truth: 'expected_answer',
    reference: 'expected_answer',
    context: 'contexts',
    context_ids: 'contexts',
  },
  other: { kind: 'passages', required: ['id', 'text'] },
  build: (o, line) => {
    const q: QaItem = { qid: o.qid as string, question: o.question as string, expected_answer: o.expected_answer as string, line };
    if (Array.isArray(o.contexts)) q.contexts = o.contexts as string[];
    return q;
  },
};

/** Loads a passages JSONL file: the good passages plus every problem found. */
export async function loadPassages(file: string, opts?: DataReadOptions): Promise<LoadedDataset<Passage>> {
  const records: Passage[] = [];
  const check = await readJsonl(PASSAGES_SPEC, file, opts, (r) => records.push(r));
  return { ...check, records };
}

/** Loads a qaset JSONL file: the good questions plus every problem found. */
export async function loadQaset(file: string, opts?: DataReadOptions): Promise<LoadedDataset<QaItem>> {
  const records: QaItem[] = [];
  const check = await readJsonl(QASET_SPEC, file, opts, (r) => records.push(r));
  return { ...check, records };
}

/** Checks a passages or qaset file without keeping records (streams, constant memory but for ids). */
export function checkJsonl(kind: 'passages' | 'qaset', file: string, opts?: DataReadOptions): Promise<DataFileCheck> {
  return kind === 'passages' ? readJsonl(PASSAGES_SPEC, file, opts) : readJsonl(QASET_SPEC, file, opts);
}
