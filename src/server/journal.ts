import { createReadStream } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { redactText } from '../engine/run/audit';

/** What the server records: every API call, and every run's acceptance, start and end. */
export type JournalEvent =
  'api_call' | 'auth_failure' | 'run_accepted' | 'run_started' | 'run_ended' | 'run_interrupted' | 'server_started' | 'server_stopped';

/** One line of the server's audit log. Holds no token, no secret and no long free text. */
export interface JournalRecord {
  time: string;
  event: JournalEvent;
  /** The caller (`<role>-<token digest prefix>`), when known. */
  who?: string;
  role?: string;
  /** `METHOD /route/{param}` and the answer's status code (api_call). */
  what?: string;
  code?: number;
  ip?: string;
  run_id?: string;
  profile_name?: string;
  status?: string;
  summary?: { total: number; passed: number; failed: number; errors: number };
  reason?: string;
}

/**
 * The server's audit log, `audit.jsonl` in its data folder: appended in order, one
 * JSON object a line, and read back at start so that every run ever accepted is listed.
 */
export class Journal {
  private pending: string[] = [];
  private current: Promise<void> = Promise.resolve();
  private next: Promise<void> | undefined;
  private ready = false;

  constructor(
    readonly file: string,
    private readonly onError: (message: string) => void,
  ) {}

  /** Queues a record (free text redacted); resolves once it is on disk. Records queued together are written in one append. */
  write(record: Omit<JournalRecord, 'time'> & { time?: string }): Promise<void> {
    const full: JournalRecord = { time: new Date().toISOString(), ...record };
    if (full.reason !== undefined) full.reason = redactText(full.reason);
    this.pending.push(`${JSON.stringify(full)}\n`);
    return this.schedule();
  }

  /** Resolves when every record queued so far is on disk. */
  flush(): Promise<void> {
    return this.pending.length > 0 ? this.schedule() : this.current;
  }

  private schedule(): Promise<void> {
    if (this.next) return this.next;
    const batch = this.current.then(async () => {
      this.next = undefined;
      const text = this.pending.splice(0).join('');
      try {
        if (!this.ready) {
          await mkdir(path.dirname(this.file), { recursive: true });
          this.ready = true;
        }
        await appendFile(this.file, text, 'utf8');
      } catch (err) {
        this.onError(`could not write the audit log: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    this.next = batch;
    this.current = batch;
    return batch;
  }

  /** Every record on disk, oldest first; a torn last line (a crash mid-write) is skipped. */
  async readAll(): Promise<JournalRecord[]> {
    const out: JournalRecord[] = [];
    let stream;
    try {
      stream = createReadStream(this.file, 'utf8');
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line.trim()) continue;
        try {
          out.push(JSON.parse(line) as JournalRecord);
        } catch {
          // torn line
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return out;
  }
}
