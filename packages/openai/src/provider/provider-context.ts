import { type CallOptions, modelCatalog, type RateLimitInfo, type SwitchboardError } from '@switchboard/core';
import type { OpenAI } from 'openai';
import type { ErrorContext } from '../errors/error-context.js';
import { readRequestId } from '../errors/map-http-failure.js';
import { mapOpenAIError, type SdkErrorClasses } from '../errors/map-openai-error.js';
import { parseRateLimitHeaders } from '../headers/parse-rate-limit-headers.js';
import {
  type OpenAITransport,
  type OpenResponse,
  openRequest,
  requestText,
  type TransportRequest,
} from '../http/transport.js';
import { createFilesClient, loadOpenAISdk } from './files-client.js';
import type { ModelKind, OpenAICompatibleConfig, RequestOperation } from './provider-config.js';

/** The per-request options Switchboard passes to the SDK for files and batches (a subset of its `RequestOptions`). */
export interface SdkRequestOptions {
  signal?: AbortSignal;
  timeout?: number;
  headers?: Record<string, string>;
  maxRetries: 0;
}

/** What the response headers say about a call. */
export interface ResponseInfo {
  /** The provider's request id. */
  requestId: string | undefined;
  /** Parsed rate-limit headers. */
  rateLimit: RateLimitInfo | undefined;
}

/** A provider config with its defaults applied and the small helpers every operation shares. */
export class ProviderContext {
  /** The provider name. */
  readonly provider: string;
  /** How inference calls reach the API. */
  readonly transport: OpenAITransport;
  #filesClient: Promise<OpenAI> | undefined;
  #sdkErrors: SdkErrorClasses | undefined;

  constructor(readonly config: OpenAICompatibleConfig) {
    this.provider = config.provider;
    this.transport = config.transport;
  }

  /**
   * The SDK client for files and batches, created (and the SDK loaded) on first use: the provider's own
   * `filesClient`, or one over the transport. Once loaded, SDK errors map to their typed errors.
   */
  filesClient(): Promise<OpenAI> {
    if (this.#filesClient) return this.#filesClient;
    const created = (async () => {
      this.#sdkErrors = await loadOpenAISdk();
      return this.config.filesClient ? this.config.filesClient() : createFilesClient(this.transport);
    })();
    this.#filesClient = created;
    // A failed load (say a bundle without the SDK) is tried again by the next call.
    created.catch(() => {
      if (this.#filesClient === created) this.#filesClient = undefined;
    });
    return created;
  }

  /** Sends one inference request over the transport; see `openRequest`. Call `release()` once the body is read. */
  open(request: Omit<TransportRequest, 'timeoutMs'>, call: CallOptions, signal?: AbortSignal): Promise<OpenResponse> {
    return openRequest(this.transport, this.#request(request, call, signal), this.errorContext(call, signal));
  }

  /** Sends one inference request and reads its whole body as text. */
  text(
    request: Omit<TransportRequest, 'timeoutMs'>,
    call: CallOptions,
    signal?: AbortSignal,
  ): Promise<{ response: Response; text: string }> {
    return requestText(this.transport, this.#request(request, call, signal), this.errorContext(call, signal));
  }

  #request(request: Omit<TransportRequest, 'timeoutMs'>, call: CallOptions, signal = call.signal): TransportRequest {
    const full: TransportRequest = { ...request, signal };
    const timeoutMs = this.timeoutFor(call);
    if (timeoutMs !== undefined) full.timeoutMs = timeoutMs;
    if (call.headers) full.headers = call.headers;
    return full;
  }

  /** The model id or deployment on the wire. */
  wireModel(model: string, kind: ModelKind): string {
    return this.config.resolveModel ? this.config.resolveModel(model, kind) : model;
  }

  /** True for reasoning models (by the provider's rule or the core catalog). */
  isReasoningModel(logicalModel: string, wireModel: string): boolean {
    if (this.config.isReasoningModel) return this.config.isReasoningModel(logicalModel, wireModel);
    const info = modelCatalog.find(logicalModel) ?? modelCatalog.find(wireModel);
    return info?.capabilities.reasoning ?? false;
  }

  /** The `providerOptions` key passed through. */
  get providerOptionsKey(): string {
    return this.config.providerOptionsKey ?? this.provider;
  }

  /** The headers timeout in force for a call. */
  timeoutFor(call: CallOptions): number | undefined {
    return call.timeoutMs ?? this.transport.timeoutMs;
  }

  /** SDK request options for a call: no SDK retries, the call's signal, headers timeout and extra headers. */
  requestOptions(call: CallOptions, signal: AbortSignal | undefined = call.signal): SdkRequestOptions {
    const options: SdkRequestOptions = { maxRetries: 0 };
    if (signal) options.signal = signal;
    const timeout = this.timeoutFor(call);
    if (timeout !== undefined) options.timeout = timeout;
    if (call.headers) options.headers = call.headers;
    return options;
  }

  /** What error mapping needs for a call. */
  errorContext(call: CallOptions, signal: AbortSignal | undefined = call.signal): ErrorContext {
    const context: ErrorContext = { provider: this.provider };
    const timeoutMs = this.timeoutFor(call);
    if (timeoutMs !== undefined) context.timeoutMs = timeoutMs;
    if (signal) context.signal = signal;
    const hooks = this.config.hooks;
    if (hooks?.mapFailure) context.mapFailure = hooks.mapFailure;
    if (hooks?.readRequestId) context.readRequestId = hooks.readRequestId;
    return context;
  }

  /** Maps anything a call threw to a core error. */
  mapError(error: unknown, call: CallOptions, signal?: AbortSignal): SwitchboardError {
    return mapOpenAIError(error, this.errorContext(call, signal), this.#sdkErrors);
  }

  /** Request id and rate-limit state from response headers. */
  responseInfo(response: Response, call: CallOptions): ResponseInfo {
    const parse = this.config.hooks?.parseRateLimit ?? parseRateLimitHeaders;
    return {
      requestId: readRequestId(response.headers, this.errorContext(call)),
      rateLimit: parse(response.headers),
    };
  }

  /** Applies the provider's body hook. */
  body<T extends object>(body: T, operation: RequestOperation): T {
    const hook = this.config.hooks?.mapRequestBody;
    return hook ? (hook(body as Record<string, unknown>, operation) as T) : body;
  }
}
