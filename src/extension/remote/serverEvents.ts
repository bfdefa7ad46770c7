// A run's progress from the team server's events stream (GET /orchestrator/runs/{id}/events,
// server-sent events), read with fetch and the engine's own SSE parser.
import { SseParser } from '../../engine/targets/http/sse';
import type { ServerRun, TeamServerClient } from './serverClient';

/** One progress event: the run as it stands, and what just happened. */
export interface ServerProgressEvent {
  type: string;
  run: ServerRun;
  suite?: string;
  case_id?: string;
  case_status?: string;
}

/**
 * Follows a run's events until the stream ends (the run ended) or `signal` aborts.
 * Resolves with the last run state seen.
 */
export async function followRun(
  client: TeamServerClient,
  runId: string,
  onEvent: (e: ServerProgressEvent) => void,
  signal?: AbortSignal,
): Promise<ServerRun | undefined> {
  const res = await client.send('GET', `/orchestrator/runs/${runId}/events`, {
    headers: { accept: 'text/event-stream' },
    ...(signal ? { signal } : {}),
  });
  const parser = new SseParser();
  const decoder = new TextDecoder();
  let last: ServerRun | undefined;
  const handle = (events: { event: string; data: string }[]): void => {
    for (const e of events) {
      let parsed: ServerProgressEvent;
      try {
        parsed = JSON.parse(e.data) as ServerProgressEvent;
      } catch {
        continue; // not ours: the stream carries JSON only
      }
      if (!parsed?.run) continue;
      last = parsed.run;
      onEvent(parsed);
    }
  };
  if (!res.body) return last;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      handle(parser.push(decoder.decode(value, { stream: true })));
    }
    handle(parser.push(decoder.decode()));
    handle(parser.end());
  } catch (err) {
    if (!signal?.aborted) throw err;
  } finally {
    reader.releaseLock();
  }
  return last;
}
