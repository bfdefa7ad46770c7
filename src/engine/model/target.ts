/** One turn of a conversation, for targets that keep one (multi-turn attacks). */
export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** A question put to the target under test. */
export interface AskRequest {
  question: string;
  /** Earlier turns, oldest first; targets that cannot keep a conversation ignore them. */
  history?: ChatTurn[];
  /** Aborts the call (run cancelled). */
  signal: AbortSignal;
  /** Overrides the profile's timeout_ms for this call. */
  timeoutMs?: number;
  /** Performance measurements must not be retried. */
  noRetry?: boolean;
  /** Overrides the profile's retry count for this call (resilience scenarios). */
  retries?: number;
}

/** Why a call failed, classified so suites and reports can tell failures apart. */
export type TargetErrorKind =
  | 'timeout'
  | 'aborted'
  | 'connection_refused'
  | 'connection_reset'
  | 'connection_error'
  | 'http_status'
  | 'unparseable'
  | 'protocol'
  | 'config';

/** A classified failure of one call; never contains a secret. */
export interface TargetError {
  kind: TargetErrorKind;
  message: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** The first few hundred characters of the reply body. */
  bodyExcerpt?: string;
  /** Milliseconds the server asked us to wait (Retry-After). */
  retryAfterMs?: number;
}

/** What the target told us besides the answer (headers of the aiqk contract, usage). */
export interface AnswerMeta {
  /** X-Source: cache | live. */
  source?: string;
  /** X-Perf-Phase: cold | warm. */
  perfPhase?: string;
  /** X-Latency-MS as the server measured it. */
  serverLatencyMs?: number;
  status?: number;
  model?: string;
  /** Number of attempts the call took (1 when not retried). */
  attempts?: number;
}

/** A successful answer. */
export interface AskSuccess {
  ok: true;
  answer: string;
  /** The contexts (passage texts) the target used, when it says. */
  contexts: string[];
  /** Ids of those contexts, when known (builtin target, or a target that returns ids). */
  contextIds?: string[];
  latencyMs: number;
  /** Time to first token, for streaming targets. */
  ttftMs?: number;
  meta: AnswerMeta;
}

/** A failed call. */
export interface AskFailure {
  ok: false;
  error: TargetError;
  latencyMs: number;
  meta: AnswerMeta;
}

/** The outcome of one call. Targets never throw for a failed call: they return this. */
export type AskResult = AskSuccess | AskFailure;

/** The AI system under test, behind one interface whatever its mode or protocol. */
export interface Target {
  /** Human-readable description without secrets, e.g. "api aiqk http://127.0.0.1:8000". */
  readonly description: string;
  /** Whether the target keeps a conversation (history is honoured). */
  readonly conversational: boolean;
  ask(request: AskRequest): Promise<AskResult>;
  /** Raw HTTP access for suites that probe routes (compliance RBAC); absent for builtin and MCP targets. */
  readonly http?: {
    baseUrl: string;
    request(
      path: string,
      init: { method?: string; headers?: Record<string, string>; body?: string; signal: AbortSignal },
    ): Promise<{ status: number; body: string }>;
  };
  /** Releases connections and child processes; safe to call twice. */
  close(): Promise<void>;
}

/** Looks up a secret by the name the profile gives (env var or stored secret). */
export type SecretLookup = (name: string) => Promise<string | undefined>;
