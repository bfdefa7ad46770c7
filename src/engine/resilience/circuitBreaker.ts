/** The three states of a circuit breaker. */
export type BreakerState = 'closed' | 'open' | 'half_open';

/** One recorded change of state, for the report's breaker events. */
export interface BreakerTransition {
  /** Breaker key (the target it protects). */
  key: string;
  from: BreakerState;
  to: BreakerState;
  /** Milliseconds since the epoch, from the breaker's clock. */
  at: number;
  /** ISO time of `at`, for people. */
  time: string;
  reason: string;
}

/** Settings of a circuit breaker. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (≥ 1). */
  failureThreshold: number;
  /** Milliseconds the circuit stays open before one trial call is let through. */
  resetMs: number;
  /** Clock in milliseconds; injectable so tests need no sleeps. */
  now?: () => number;
  /** Names the protected target in recorded transitions. */
  key?: string;
}

/**
 * A consecutive-failure circuit breaker: closed → open after N consecutive
 * failures → half-open once resetMs has passed (one trial call) → closed on
 * its success, open again on its failure. Every transition is recorded.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private readonly now: () => number;
  private readonly log: BreakerTransition[] = [];
  /** Calls refused because the circuit was open. */
  rejected = 0;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1)
      throw new Error('failureThreshold must be an integer ≥ 1');
    if (!(options.resetMs >= 0)) throw new Error('resetMs must be ≥ 0');
    this.now = options.now ?? Date.now;
  }

  /** The state now; an open circuit whose reset time has passed reads as half-open. */
  get state(): BreakerState {
    this.refresh();
    return this.current;
  }

  /** Transitions so far, oldest first. */
  get transitions(): readonly BreakerTransition[] {
    return this.log;
  }

  /** Consecutive failures counted since the last success. */
  get failures(): number {
    return this.consecutiveFailures;
  }

  /**
   * Asks to make a call. False = refuse it (circuit open, or a half-open trial
   * already in flight). A caller that gets true must report the call's outcome.
   */
  tryAcquire(): boolean {
    this.refresh();
    if (this.current === 'closed') return true;
    if (this.current === 'half_open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    this.rejected++;
    return false;
  }

  /** Reports a successful call. */
  recordSuccess(): void {
    this.refresh();
    this.consecutiveFailures = 0;
    if (this.current === 'half_open') {
      this.trialInFlight = false;
      this.move('closed', 'trial call succeeded');
    }
  }

  /** Reports a failed call. */
  recordFailure(reason = 'call failed'): void {
    this.refresh();
    this.consecutiveFailures++;
    if (this.current === 'half_open') {
      this.trialInFlight = false;
      this.open(`trial call failed: ${reason}`);
    } else if (this.current === 'closed' && this.consecutiveFailures >= this.options.failureThreshold) {
      this.open(`${this.consecutiveFailures} consecutive failures (last: ${reason})`);
    }
    // A failure reported while open comes from a call let through before the circuit opened: the clock is not restarted.
  }

  /** Milliseconds until an open circuit lets a trial call through (0 when not open). */
  msUntilTrial(): number {
    this.refresh();
    if (this.current !== 'open') return 0;
    return Math.max(0, this.openedAt + this.options.resetMs - this.now());
  }

  private open(reason: string): void {
    this.openedAt = this.now();
    this.move('open', reason);
  }

  private refresh(): void {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.resetMs) {
      this.move('half_open', `reset time of ${this.options.resetMs} ms elapsed`);
    }
  }

  private move(to: BreakerState, reason: string): void {
    const at = this.now();
    this.log.push({ key: this.options.key ?? 'target', from: this.current, to, at, time: new Date(at).toISOString(), reason });
    this.current = to;
  }
}

/** One breaker per key (e.g. per target), created on first use with shared settings. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(private readonly options: Omit<CircuitBreakerOptions, 'key'>) {}

  /** The breaker of a key, created closed on first use. */
  get(key: string): CircuitBreaker {
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker({ ...this.options, key });
      this.breakers.set(key, breaker);
    }
    return breaker;
  }

  /** Every transition of every breaker, in time order. */
  transitions(): BreakerTransition[] {
    return [...this.breakers.values()].flatMap((b) => [...b.transitions]).sort((x, y) => x.at - y.at);
  }
}
