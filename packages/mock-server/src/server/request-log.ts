import type { IncomingHttpHeaders } from 'node:http';

/** One request the server received, as recorded for assertions. */
export interface RecordedRequest {
  /** Sequence number, from 1. */
  seq: number;
  /** When the request arrived (ms since the epoch). */
  time: number;
  method: string;
  /** Path with query string. */
  path: string;
  /** `openai`, `azure`, or `control`/`other` for non-API paths. */
  surface: 'openai' | 'azure' | 'other';
  /** Logical route (e.g. `chat.completions`), undefined for unknown routes. */
  route: string | undefined;
  /** Request headers with secrets (authorization, api-key, cookies) replaced by `[redacted]`. */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, a short text excerpt for non-JSON bodies, undefined when there was none. */
  body: unknown;
  /** Status sent (0 when no response was sent: reset, hang, client gone). */
  status: number;
  /** Milliseconds until the response finished (or the connection closed). */
  durationMs: number;
  /** The fault applied, if any. */
  fault: string | undefined;
  /** The x-request-id the server sent. */
  requestId: string;
}

const SECRET_HEADERS = new Set([
  'authorization',
  'api-key',
  'cookie',
  'set-cookie',
  'proxy-authorization',
  'x-api-key',
]);

/** Copies headers with secrets redacted (done when the log is read, so the hot path only keeps a reference). */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name) ? '[redacted]' : value;
  }
  return out;
}

/** A mutable entry while the request runs; frozen into a RecordedRequest when read. */
export interface LogEntry {
  seq: number;
  time: number;
  started: number;
  method: string;
  path: string;
  surface: RecordedRequest['surface'];
  route: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
  durationMs: number;
  fault: string | undefined;
  requestId: string;
}

/** A bounded ring of request entries: memory stays flat however long the server runs. */
export class RequestLog {
  #entries: LogEntry[] = [];
  #start = 0;
  #seq = 0;
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = Math.max(0, limit);
  }

  /** Starts an entry for a request that just arrived. */
  begin(method: string, path: string, headers: IncomingHttpHeaders, requestId: string): LogEntry {
    const entry: LogEntry = {
      seq: ++this.#seq,
      time: Date.now(),
      started: performance.now(),
      method,
      path,
      surface: 'other',
      route: undefined,
      headers,
      body: undefined,
      status: 0,
      durationMs: 0,
      fault: undefined,
      requestId,
    };
    if (this.#limit === 0) return entry;
    if (this.#entries.length < this.#limit) this.#entries.push(entry);
    else {
      this.#entries[this.#start] = entry;
      this.#start = (this.#start + 1) % this.#limit;
    }
    return entry;
  }

  /** Every kept entry, oldest first, with headers redacted. */
  list(): RecordedRequest[] {
    const ordered = [...this.#entries.slice(this.#start), ...this.#entries.slice(0, this.#start)];
    return ordered.map((entry) => ({
      seq: entry.seq,
      time: entry.time,
      method: entry.method,
      path: entry.path,
      surface: entry.surface,
      route: entry.route,
      headers: redactHeaders(entry.headers),
      body: entry.body,
      status: entry.status,
      durationMs: entry.durationMs,
      fault: entry.fault,
      requestId: entry.requestId,
    }));
  }

  /** Forgets every entry (sequence numbers keep counting). */
  clear(): void {
    this.#entries = [];
    this.#start = 0;
  }

  /** Total requests seen since start. */
  get total(): number {
    return this.#seq;
  }
}
