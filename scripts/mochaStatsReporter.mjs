// Mocha reporter for `npm test`: mocha's own spec output for humans, plus the run's
// counts written as JSON to $AIQK_MOCHA_STATS_FILE (when set) for scripts/test.mjs.
// Usage: mocha --reporter ./scripts/mochaStatsReporter.mjs
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

const { EVENT_RUN_END } = Mocha.Runner.constants;

/** The spec reporter that also records passed/failed/pending counts. */
export default class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.AIQK_MOCHA_STATS_FILE;
      if (!file) return;
      const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
      writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, pending }));
    });
  }
}
