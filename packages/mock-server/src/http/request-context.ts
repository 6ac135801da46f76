import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec, RouteName } from '../faults/fault-spec.js';
import { malformJson } from '../faults/malform-json.js';
import type { LogEntry } from '../server/request-log.js';
import type { ApiError } from './api-error.js';
import { AZURE_JSON_HEADERS, AZURE_SSE_HEADERS, OPENAI_JSON_HEADERS, OPENAI_SSE_HEADERS } from './headers.js';
import type { Surface } from './router.js';

/**
 * One API request in flight: where it goes, who sent it, what to add to the response, and the response helpers.
 * A class (not closures) keeps per-request allocation small on the hot path.
 */
export class RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly surface: Surface;
  readonly route: RouteName;
  readonly id: string | undefined;
  readonly deployment: string | undefined;
  readonly query: URLSearchParams;
  readonly requestId: string;
  readonly log: LogEntry;
  apiKey = '';
  /** Parsed JSON body (undefined for empty/multipart bodies). */
  body: unknown;
  rawBody: Buffer | undefined;
  /** Model (OpenAI) or deployment (Azure), once known. */
  model: string | undefined;
  /** Extra headers for the response (rate limits), flat name/value list. */
  extraHeaders: readonly string[] = [];
  /** CORS headers for the request's Origin (empty for requests without one). */
  cors: readonly string[] = [];
  /** A fault that acts on the response body or stream. */
  fault: FaultSpec | undefined;

  constructor(
    req: IncomingMessage,
    res: ServerResponse,
    match: { surface: Surface; route: RouteName; id: string | undefined; deployment: string | undefined },
    query: URLSearchParams,
    requestId: string,
    log: LogEntry,
  ) {
    this.req = req;
    this.res = res;
    this.surface = match.surface;
    this.route = match.route;
    this.id = match.id;
    this.deployment = match.deployment;
    this.query = query;
    this.requestId = requestId;
    this.log = log;
  }

  /** True when the Azure conventions apply. */
  get azure(): boolean {
    return this.surface === 'azure';
  }

  /** True once the client has gone away (nothing more should be written). */
  get gone(): boolean {
    return this.res.destroyed || this.req.socket.destroyed;
  }

  #headers(base: readonly string[], extra: readonly string[]): string[] {
    const processing = String(Math.round(performance.now() - this.log.started));
    const out = this.azure
      ? [...base, 'x-request-id', this.requestId, 'apim-request-id', this.requestId]
      : [...base, 'x-request-id', this.requestId, 'openai-processing-ms', processing];
    if (this.extraHeaders.length > 0) out.push(...this.extraHeaders);
    if (this.cors.length > 0) out.push(...this.cors);
    if (extra.length > 0) out.push(...extra);
    return out;
  }

  /** Sends a JSON body (already serialised or not). A `malformed-json` fault sends a broken cut of it instead. */
  json(status: number, body: unknown, extra: readonly string[] = []): void {
    if (this.gone) return;
    let text = typeof body === 'string' ? body : JSON.stringify(body);
    if (this.fault?.kind === 'malformed-json' && status < 400) text = malformJson(text);
    const headers = this.#headers(this.azure ? AZURE_JSON_HEADERS : OPENAI_JSON_HEADERS, extra);
    headers.push('content-length', String(Buffer.byteLength(text)));
    this.log.status = status;
    this.res.writeHead(status, headers);
    this.res.end(text);
  }

  /** Sends an error in the surface's shape. */
  error(error: ApiError): void {
    this.json(error.status, this.azure ? error.toAzureBody() : error.openaiBody(), error.headers);
  }

  /** Sends raw bytes with a content type (file contents, images). */
  bytes(status: number, contentType: string, data: Buffer | string): void {
    if (this.gone) return;
    const headers = this.#headers([], []);
    headers.push('content-type', contentType, 'content-length', String(Buffer.byteLength(data)));
    this.log.status = status;
    this.res.writeHead(status, headers);
    this.res.end(data);
  }

  /**
   * Starts an SSE response: the headers go out at once, as the real API sends them, together with `leading` (events
   * that need no generation, like Azure's prompt-filter chunk) when there is any: one write for both.
   */
  startStream(leading = ''): void {
    const headers = this.#headers(this.azure ? AZURE_SSE_HEADERS : OPENAI_SSE_HEADERS, []);
    this.log.status = 200;
    this.res.writeHead(200, headers);
    if (leading === '') this.res.flushHeaders();
    else this.res.write(leading);
  }
}
