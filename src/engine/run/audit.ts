import { appendFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { SuiteName } from '../model/suiteNames';
import type { RunStatus, SanitizedTarget } from '../model/runTypes';
import { SECRET_WORDS } from '../secrets/keyShapes';
import { maskSecrets } from '../secrets/textMasks';

/** The kinds of audit record. */
export type AuditEventName = 'run_started' | 'run_finished' | 'run_cancelled' | 'run_failed';

/** One line of the audit log. Holds no secret and no long free text. */
export interface AuditRecord {
  time: string;
  event: AuditEventName;
  run_id: string;
  profile: string;
  suites: SuiteName[];
  target: SanitizedTarget;
  status?: RunStatus;
  counts?: { total: number; passed: number; failed: number; errors: number };
  duration_ms?: number;
  /** Why the run was cancelled or failed, redacted and truncated. */
  reason?: string;
}

/** Longest free text kept in an audit record. */
export const AUDIT_TEXT_MAX = 200;

/** The audit log of a profile: `.aiqk/audit.jsonl` beside it. */
export function defaultAuditFile(profileDir: string): string {
  return path.join(profileDir, '.aiqk', 'audit.jsonl');
}

// Besides the known key shapes (the secrets module's one table), any long unbroken run of
// key characters is masked: audit lines hold no long free text.
const LONG_RUN = /[A-Za-z0-9+/_-]{32,}={0,2}/g;
// And any value given to a secret-looking name, however short (the secrets module keeps short
// values in prose; an audit line has no reason to carry one).
const NAMED_VALUE = new RegExp(`\\b(${SECRET_WORDS})\\b(\\s*[:=]\\s*)[^\\s"',;&]+`, 'gi');

/** Masks credential-like substrings and cuts text to `max` characters. */
export function redactText(text: string, max = AUDIT_TEXT_MAX): string {
  const out = maskSecrets(text.replace(/\s+/g, ' ').trim())
    .replace(NAMED_VALUE, (_m, name: string, sign: string) => `${name}${sign}[redacted]`)
    .replace(LONG_RUN, '[redacted]');
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/**
 * An append-only audit log. Writes are queued so lines never interleave and
 * keep their order; a failed write is reported through `onError`, never thrown
 * into the run.
 */
export class AuditLog {
  private chain: Promise<void> = Promise.resolve();
  private dirReady = false;

  constructor(
    readonly file: string,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  /** Queues one record; resolves when it is on disk (or failed). */
  write(record: AuditRecord): Promise<void> {
    const line = `${JSON.stringify({ ...record, ...(record.reason !== undefined ? { reason: redactText(record.reason) } : {}) })}\n`;
    this.chain = this.chain.then(async () => {
      try {
        if (!this.dirReady) {
          await mkdir(path.dirname(this.file), { recursive: true });
          this.dirReady = true;
        }
        await appendFile(this.file, line, 'utf8');
      } catch (err) {
        this.onError(`could not write the audit log ${this.file}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    return this.chain;
  }

  /** Resolves when every queued record is written. */
  flush(): Promise<void> {
    return this.chain;
  }
}
