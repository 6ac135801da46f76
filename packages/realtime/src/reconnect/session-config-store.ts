import type { RealtimeSessionConfig } from '../events/session-config.js';

type Json = Record<string, unknown>;

/**
 * The session configuration as every `session.update` sent so far left it: later updates win, nested objects
 * (`audio.input`, `audio.output`, ...) merge, arrays and values replace. After a reconnect it is applied again as
 * one `session.update` before anything else is sent, because the new server-side session starts from defaults.
 */
export class SessionConfigStore {
  #config: Json | undefined;

  /** Merges one update into the stored configuration. */
  merge(update: RealtimeSessionConfig): void {
    this.#config = mergeDeep(this.#config ?? {}, update as Json);
  }

  /** The merged configuration (with `type: 'realtime'`), or undefined when nothing was ever set. */
  current(): RealtimeSessionConfig | undefined {
    if (!this.#config) return undefined;
    return { type: 'realtime', ...structuredClone(this.#config) } as RealtimeSessionConfig;
  }
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDeep(target: Json, update: Json): Json {
  const result: Json = { ...target };
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined) continue;
    const existing = result[key];
    result[key] = isPlainObject(existing) && isPlainObject(value) ? mergeDeep(existing, value) : value;
  }
  return result;
}
