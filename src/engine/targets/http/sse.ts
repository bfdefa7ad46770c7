// An incremental parser for server-sent events (the text/event-stream format of
// the WHATWG HTML spec), fed with text as it arrives. Only what chat-completion
// streams use is kept: `event`, `data` (multi-line joined with \n) and comments.
// Each chunk is scanned once: a line still open is kept as pieces, never rescanned,
// so a hostile stream with no line break costs linear time, and an event larger
// than the limit stops the parser instead of growing without bound.

/** One dispatched event. */
export interface SseEvent {
  event: string;
  data: string;
}

/** Characters one event (its open line and data lines together) may hold by default. */
export const MAX_SSE_EVENT_CHARS = 4 * 1024 * 1024;

/** The parser stopped because one event grew past its limit. */
export interface SseOverflow {
  /** Characters of the event when it was stopped. */
  chars: number;
  limit: number;
}

/** Turns chunks of an event stream into events; chunks may split lines anywhere. */
export class SseParser {
  // The open line, as the pieces it arrived in, and their total length.
  private open: string[] = [];
  private openChars = 0;
  private data: string[] = [];
  private dataChars = 0;
  private event = '';
  private sawCr = false;
  private stopped: SseOverflow | undefined;
  private scanned = 0;

  constructor(private readonly maxEventChars: number = MAX_SSE_EVENT_CHARS) {}

  /** Characters examined so far: each character of the input once (the parser's cost, for tests). */
  get scannedChars(): number {
    return this.scanned;
  }

  /** Set when an event outgrew the limit: the parser reads nothing more. */
  get overflow(): SseOverflow | undefined {
    return this.stopped;
  }

  /** Feeds a chunk of text; returns the events completed by it. */
  push(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    if (this.stopped) return out;
    let start = 0;
    // A CR at the end of the previous chunk may be the first half of a CRLF.
    if (this.sawCr && chunk.startsWith('\n')) start = 1;
    this.sawCr = false;
    for (let i = start; i < chunk.length; i++) {
      this.scanned++;
      const c = chunk.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(this.takeLine(chunk.slice(start, i)), out);
      if (this.stopped) return out;
      if (c === 13) {
        if (i + 1 === chunk.length) this.sawCr = true;
        else if (chunk.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    if (start < chunk.length) {
      this.open.push(chunk.slice(start));
      this.openChars += chunk.length - start;
      this.checkSize();
    }
    return out;
  }

  /** Ends the stream: an unterminated last event is dispatched (servers that forget the blank line). */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    if (this.stopped) return out;
    if (this.openChars > 0) this.line(this.takeLine(''), out);
    this.dispatch(out);
    return out;
  }

  private takeLine(tail: string): string {
    if (this.open.length === 0) return tail;
    this.open.push(tail);
    const line = this.open.join('');
    this.open = [];
    this.openChars = 0;
    return line;
  }

  private checkSize(): void {
    const chars = this.openChars + this.dataChars;
    if (chars > this.maxEventChars) {
      this.stopped = { chars, limit: this.maxEventChars };
      this.open = [];
      this.data = [];
    }
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      this.dispatch(out);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.dataChars += value.length + 1;
      this.checkSize();
    } else if (field === 'event') this.event = value;
  }

  private dispatch(out: SseEvent[]): void {
    if (this.data.length > 0) out.push({ event: this.event || 'message', data: this.data.join('\n') });
    this.data = [];
    this.dataChars = 0;
    this.event = '';
  }
}
