import { strict as assert } from 'node:assert';
import { CaseOrder } from '../../../src/engine/run/caseOrder';
import type { CaseResult } from '../../../src/engine/model/runTypes';
import { makeCase } from '../report/fixtures';

describe('case order', () => {
  const rag = (id: string): CaseResult => makeCase('rag_quality', id, 'passed');

  it('passes cases on in plan order whatever order they finish in, skipping dropped ones', () => {
    const out: string[] = [];
    const order = new CaseOrder(5, (c) => out.push(c.case_id));
    order.settle(2, rag('q2'));
    order.settle(1, undefined); // stopped by a cancel: not reported
    assert.deepEqual(out, [], 'nothing is passed on before the first planned case finished');
    order.settle(0, rag('q0'));
    assert.deepEqual(out, ['q0', 'q2']);
    order.settle(4, rag('q4'));
    assert.deepEqual(out, ['q0', 'q2']);
    order.settle(3, rag('q3'));
    assert.deepEqual(out, ['q0', 'q2', 'q3', 'q4']);
  });

  it('flushes what finished of a cancelled suite in order, skipping positions that never settled', () => {
    const out: string[] = [];
    const order = new CaseOrder(5, (c) => out.push(c.case_id));
    order.settle(3, rag('q3'));
    order.settle(2, rag('q2'));
    // 0, 1 and 4 were still running when the run was cancelled.
    order.flush();
    assert.deepEqual(out, ['q2', 'q3']);
    assert.throws(() => order.settle(0, rag('q0')), /position 0 is not an unsettled position/);
  });

  it('refuses a position outside the plan or settled twice', () => {
    const order = new CaseOrder(2, () => undefined);
    order.settle(0, rag('q0'));
    assert.throws(() => order.settle(0, rag('q0')), /position 0 is not an unsettled position/);
    assert.throws(() => order.settle(2, rag('q2')), /position 2/);
    assert.throws(() => order.settle(-1, rag('q')), /position -1/);
    order.settle(1, rag('q1'));
    assert.throws(() => order.settle(1, rag('q1')), /position 1/);
  });
});
