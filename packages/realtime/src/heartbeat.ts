/** Dead-connection detection settings. */
export interface HeartbeatOptions {
  /** How often to ping. */
  intervalMs: number;
  /** How long a ping may go without a pong (or any other frame) before the socket counts as dead. */
  timeoutMs: number;
}

/**
 * Pings every `intervalMs`; if neither a pong nor any other frame arrives within `timeoutMs` of a ping, calls
 * `onDead`. A socket that died without a FIN or RST (a NAT dropped it, the peer froze) is therefore noticed within
 * `intervalMs + timeoutMs`. Receiving is proof of life, so a busy stream never trips it; only one timer is pending
 * at any moment and `stop()` clears it.
 */
export class Heartbeat {
  readonly #options: HeartbeatOptions;
  readonly #ping: () => void;
  readonly #onDead: (silentMs: number) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastActivity = 0;
  #pingAt: number | undefined;

  constructor(options: HeartbeatOptions, ping: () => void, onDead: (silentMs: number) => void) {
    this.#options = options;
    this.#ping = ping;
    this.#onDead = onDead;
  }

  /** True while the timer runs. */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Starts (or restarts) the cycle. */
  start(): void {
    this.stop();
    this.#lastActivity = Date.now();
    this.#arm(this.#options.intervalMs);
  }

  /** Stops the cycle and clears the timer. */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pingAt = undefined;
  }

  /** Something arrived from the server. */
  noteActivity(): void {
    this.#lastActivity = Date.now();
  }

  #arm(ms: number): void {
    this.#timer = setTimeout(this.#tick, ms);
  }

  readonly #tick = (): void => {
    const now = Date.now();
    const pingAt = this.#pingAt;
    if (pingAt === undefined) {
      this.#pingAt = now;
      this.#arm(this.#options.timeoutMs);
      this.#ping();
      return;
    }
    if (this.#lastActivity >= pingAt) {
      this.#pingAt = undefined;
      this.#arm(Math.max(0, pingAt + this.#options.intervalMs - now));
      return;
    }
    this.#timer = undefined;
    this.#pingAt = undefined;
    this.#onDead(now - this.#lastActivity);
  };
}
