import { randomBytes } from 'node:crypto';
import { applySessionUpdate, createSession, type RealtimeSessionState, sessionToWire } from '../protocol/session.js';

/** What `POST /v1/realtime/client_secrets` answers. */
export interface ClientSecret {
  value: string;
  expires_at: number;
  session: Record<string, unknown>;
}

interface Minted {
  expiresAtMs: number;
  session: RealtimeSessionState;
}

/** Default lifetime of a client secret (the documented 600 s), and the bounds of `expires_after.seconds`. */
export const CLIENT_SECRET_SECONDS = { default: 600, min: 10, max: 7200 } as const;

/**
 * Short-lived client secrets (`ek_...`) minted over HTTP for browsers, which cannot set headers on a WebSocket and
 * so authenticate the realtime upgrade with the `openai-insecure-api-key.<secret>` subprotocol. A secret is valid
 * until it expires; the session it was minted with is the session the connection starts with. Expired secrets are
 * dropped lazily (and the store is bounded).
 */
export class ClientSecretStore {
  readonly #secrets = new Map<string, Minted>();
  readonly #limit: number;
  readonly #now: () => number;

  constructor(options: { limit?: number; now?: () => number } = {}) {
    this.#limit = options.limit ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Mints a secret. `session` is a realtime session configuration (validated as `session.update` validates it;
   * throws RealtimeClientEventError when it is wrong); `seconds` its lifetime.
   */
  mint(session: Record<string, unknown> | undefined, seconds: number, defaultModel: string): ClientSecret {
    const model = typeof session?.model === 'string' ? session.model : defaultModel;
    let state = createSession(model);
    if (session) state = applySessionUpdate(state, { type: 'realtime', ...session });
    const expiresAtMs = this.#now() + seconds * 1000;
    state = { ...state, expiresAt: Math.floor(expiresAtMs / 1000) };
    const value = `ek_${randomBytes(16).toString('hex')}`;
    if (this.#secrets.size >= this.#limit) this.#prune();
    if (this.#secrets.size >= this.#limit) this.#secrets.delete(this.#secrets.keys().next().value as string);
    this.#secrets.set(value, { expiresAtMs, session: state });
    return { value, expires_at: Math.floor(expiresAtMs / 1000), session: sessionToWire(state) };
  }

  /** Whether `key` is a secret this store minted, and whether it is still valid. */
  status(key: string): 'valid' | 'expired' | 'unknown' {
    const minted = this.#secrets.get(key);
    if (!minted) return 'unknown';
    return minted.expiresAtMs > this.#now() ? 'valid' : 'expired';
  }

  /** The session a connection authenticated with `key` starts with (its model set to the one it connected to). */
  sessionFor(key: string, model: string): RealtimeSessionState | undefined {
    const minted = this.#secrets.get(key);
    if (!minted || minted.expiresAtMs <= this.#now()) return undefined;
    return { ...minted.session, model };
  }

  #prune(): void {
    const now = this.#now();
    for (const [key, minted] of this.#secrets) if (minted.expiresAtMs <= now) this.#secrets.delete(key);
  }
}

/** True for a key shaped like an ephemeral client secret. */
export function isClientSecret(key: string): boolean {
  return key.startsWith('ek_');
}
