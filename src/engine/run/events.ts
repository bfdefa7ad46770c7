import type { RunEvent } from '../model/runTypes';

/** A listener of a run's events. */
export type RunEventListener = (event: RunEvent) => void;

/** The read side of a run's events: a listener subscription and an async iterator. */
export interface RunEvents extends AsyncIterable<RunEvent> {
  /** Calls `listener` for every later event; returns the unsubscribe function. */
  onEvent(listener: RunEventListener): () => void;
}

/**
 * Fans a run's events out to listeners and iterators. Emitting with nobody
 * listening costs one length check, which keeps the hot path cheap. A listener
 * that throws is dropped from that event only; the run goes on.
 */
export class RunEventHub implements RunEvents {
  private listeners: RunEventListener[] = [];
  private readonly closers = new Set<() => void>();
  private closed = false;

  /** Whether anybody listens (lets callers skip building events nobody reads). */
  get active(): boolean {
    return this.listeners.length > 0;
  }

  onEvent(listener: RunEventListener): () => void {
    if (this.closed) return () => undefined;
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Sends an event to everyone listening now. */
  emit(event: RunEvent): void {
    const current = this.listeners;
    for (let i = 0; i < current.length; i++) {
      try {
        (current[i] as RunEventListener)(event);
      } catch {
        // A broken listener (a closed UI panel) must not break the run.
      }
    }
  }

  /** Ends every iterator after the last event; later subscriptions get nothing. */
  close(): void {
    this.closed = true;
    for (const end of this.closers) end();
    this.closers.clear();
    this.listeners = [];
  }

  /** Iterates the events from now until the run finishes (events are buffered for a slow reader). */
  [Symbol.asyncIterator](): AsyncIterator<RunEvent> {
    const queue: RunEvent[] = [];
    let wake: (() => void) | undefined;
    let done = this.closed;
    const end = (): void => {
      done = true;
      wake?.();
    };
    const unsubscribe = this.onEvent((e) => {
      queue.push(e);
      wake?.();
    });
    if (!done) this.closers.add(end);
    return {
      next: async (): Promise<IteratorResult<RunEvent>> => {
        while (queue.length === 0 && !done) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
        const value = queue.shift();
        if (value !== undefined) return { value, done: false };
        return { value: undefined, done: true };
      },
      return: async (): Promise<IteratorResult<RunEvent>> => {
        done = true;
        unsubscribe();
        this.closers.delete(end);
        return { value: undefined, done: true };
      },
    };
  }
}
