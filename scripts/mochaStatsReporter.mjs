// Mocha reporter for `npm test`: mocha's own spec output for humans, plus the run's
// counts, the titles of failed tests (with the first line of each error) and of tests
// that passed only on a retry, written as JSON to $AIQK_MOCHA_STATS_FILE (when set)
// for scripts/test.mjs, which lists both under its summary.
// Usage: mocha --reporter ./scripts/mochaStatsReporter.mjs
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { inspect } from 'node:util';
import Mocha from 'mocha';

const { EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_RETRY } = Mocha.Runner.constants;

/** The spec reporter that also records passed/failed/pending counts and what failed. */
export default class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    /** Title → first error, of tests retried and not (yet) failed for good. */
    const retried = new Map();
    // The error's first line, with actual and expected values of an assertion and where in a test it failed.
    const firstLine = (err) => {
      let text = String(err?.message ?? err).split('\n')[0];
      // Mocha may have turned them into strings already (for its diffs).
      const show = (v) => (typeof v === 'string' ? v : inspect(v, { depth: 2, breakLength: Infinity })).replace(/\s*\n\s*/g, ' ');
      if (err && 'actual' in err && 'expected' in err) text += ` (actual ${show(err.actual)}, expected ${show(err.expected)})`;
      const at = /\(?([^\s()]*test[^\s()]*:\d+:\d+)\)?/.exec(
        String(err?.stack ?? '')
          .split('\n')
          .slice(1)
          .find((l) => /[\\/]test[\\/]/.test(l)) ?? '',
      );
      if (at) text += ` at ${relative(process.cwd(), at[1].replace(/^file:\/\//, ''))}`;
      return text.slice(0, 400);
    };
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      retried.delete(test.fullTitle());
      failures.push(`${test.fullTitle()}: ${firstLine(err)}`);
    });
    runner.on(EVENT_TEST_RETRY, (test, err) => {
      if (!retried.has(test.fullTitle())) retried.set(test.fullTitle(), firstLine(err));
    });
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.AIQK_MOCHA_STATS_FILE;
      if (!file) return;
      const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
      writeFileSync(
        file,
        JSON.stringify({ passed: passes, failed, pending, failures, retried: [...retried].map(([title, error]) => `${title}: ${error}`) }),
      );
    });
  }
}
