import { strict as assert } from 'node:assert';
import { SseParser } from '../../../src/engine/targets/http/sse';

describe('SseParser', () => {
  it('dispatches events on blank lines and ignores comments', () => {
    const p = new SseParser();
    const events = p.push(': hello\n\ndata: {"a":1}\n\nevent: done\ndata: [DONE]\n\n');
    assert.deepEqual(events, [
      { event: 'message', data: '{"a":1}' },
      { event: 'done', data: '[DONE]' },
    ]);
  });

  it('reassembles events split anywhere, including inside CRLF', () => {
    const text = 'data: one\r\n\r\ndata: two\r\ndata: lines\r\n\r\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const p = new SseParser();
      const events = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut)), ...p.end()];
      assert.deepEqual(
        events.map((e) => e.data),
        ['one', 'two\nlines'],
        `cut at ${cut}`,
      );
    }
  });

  it('dispatches an unterminated last event at the end', () => {
    const p = new SseParser();
    assert.deepEqual(p.push('data: tail'), []);
    assert.deepEqual(p.end(), [{ event: 'message', data: 'tail' }]);
  });

  it('keeps a value without the optional space and fields without a colon', () => {
    const p = new SseParser();
    assert.deepEqual(p.push('data:x\ndata\n\n'), [{ event: 'message', data: 'x\n' }]);
  });
});
