import assert from 'node:assert/strict';
import { RunEventHub } from '../../../src/engine/run/events';
import type { RunEvent } from '../../../src/engine/model/runTypes';

const log = (message: string): RunEvent => ({
  type: 'log',
  runId: 'r1',
  entry: { time: '2025-01-01T00:00:00.000Z', level: 'info', message },
});

describe('RunEventHub', () => {
  it('delivers to listeners until they unsubscribe, and survives a throwing listener', () => {
    const hub = new RunEventHub();
    const got: string[] = [];
    hub.onEvent(() => {
      throw new Error('broken panel');
    });
    const off = hub.onEvent((e) => {
      if (e.type === 'log') got.push(e.entry.message);
    });
    assert.equal(hub.active, true);
    hub.emit(log('one'));
    off();
    hub.emit(log('two'));
    assert.deepEqual(got, ['one']);
  });

  it('iterates buffered events and ends when closed', async () => {
    const hub = new RunEventHub();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const e of hub) if (e.type === 'log') seen.push(e.entry.message);
    })();
    hub.emit(log('a'));
    hub.emit(log('b'));
    await new Promise((r) => setImmediate(r));
    hub.emit(log('c'));
    hub.close();
    await reading;
    assert.deepEqual(seen, ['a', 'b', 'c']);
    assert.equal(hub.active, false);
  });

  it('an iterator that breaks early unsubscribes', async () => {
    const hub = new RunEventHub();
    const reading = (async () => {
      for await (const _e of hub) break;
    })();
    hub.emit(log('x'));
    await reading;
    assert.equal(hub.active, false);
  });
});
