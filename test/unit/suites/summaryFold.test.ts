import { strict as assert } from 'node:assert';
import { collectingFold, guardedFold } from '../../../src/engine/suites/suite';
import type { SummaryFold } from '../../../src/engine/suites/suite';
import type { CaseResult, SuiteSummary } from '../../../src/engine/model/runTypes';
import { errorSummary } from '../../../src/engine/model/caseOutcome';
import { buildSummary } from '../../../src/engine/metrics/verdict';
import { makeCase } from '../report/fixtures';

const counted = (cases: CaseResult[]): SuiteSummary => buildSummary('rag_quality', cases, []);

function foldAll(fold: SummaryFold, n: number): SuiteSummary {
  for (let i = 0; i < n; i++) fold.add(makeCase('rag_quality', `q${i}`, 'passed'));
  return fold.finish();
}

describe('summary folds', () => {
  const fallback = (why: string) => errorSummary('rag_quality', [], `fell back: ${why}`);

  it('a guarded fold gives the suite fold’s own summary when nothing throws', () => {
    assert.equal(
      foldAll(
        guardedFold(() => collectingFold(counted), fallback),
        3,
      ).total,
      3,
    );
  });

  it('falls back, with the reason, when starting, adding or finishing throws', () => {
    const throwing = (where: 'start' | 'add' | 'finish'): SummaryFold => {
      if (where === 'start') throw new Error('cannot start');
      let seen = 0;
      return {
        add: () => {
          if (where === 'add' && ++seen === 2) throw new Error('bad second case');
        },
        finish: () => {
          throw new Error('cannot finish');
        },
      };
    };
    assert.deepEqual(
      foldAll(
        guardedFold(() => throwing('start'), fallback),
        3,
      ).notes,
      ['fell back: cannot start'],
    );
    assert.deepEqual(
      foldAll(
        guardedFold(() => throwing('add'), fallback),
        3,
      ).notes,
      ['fell back: bad second case'],
    );
    assert.deepEqual(
      foldAll(
        guardedFold(() => throwing('finish'), fallback),
        3,
      ).notes,
      ['fell back: cannot finish'],
    );
  });
});
