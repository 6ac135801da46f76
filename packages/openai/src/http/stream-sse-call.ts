import {
  type CallOptions,
  ChatStream,
  type ChatStreamEvent,
  NetworkError,
  type RateLimitInfo,
  type SwitchboardError,
} from '@switchboard/core';
import { readErrorObject } from '../errors/http-failure.js';
import { mapHttpFailure } from '../errors/map-http-failure.js';
import type { ProviderContext } from '../provider/provider-context.js';
import type { OpenResponse } from './transport.js';

/** What the event mapping of one streamed call gets besides the body. */
export interface SseStreamInfo {
  /** The request id from the response headers. */
  requestId: string | undefined;
  /** Rate-limit state from the response headers. */
  rateLimit: RateLimitInfo | undefined;
  /** Maps an `error` object that arrived inside the stream to a typed error (the provider's hooks included). */
  mapErrorPayload: (error: unknown) => SwitchboardError;
}

/** The two wire-specific halves of a streamed call. */
export interface SseStreamCall {
  /** Sends the request over the transport with the stream's signal; the stream releases it when the body is done. */
  open(signal: AbortSignal): Promise<OpenResponse>;
  /** Maps the SSE body to neutral stream events. */
  events(body: ReadableStream<Uint8Array>, info: SseStreamInfo): AsyncIterable<ChatStreamEvent>;
}

/**
 * A streamed call of either wire API as core's `ChatStream`: the request is sent with the stream's own signal (so
 * breaking out of the loop, `abort()`, the caller's signal or a timeout all abort it and close its socket), the raw
 * SSE body (not the SDK's iterator) goes to the wire's event mapping, and every failure comes out as a typed error.
 * The stream owns first-token and idle timeouts, cancellation and assembly.
 */
export function streamSseCall(context: ProviderContext, call: CallOptions, wire: SseStreamCall): ChatStream {
  const { provider } = context;
  return new ChatStream(
    async function* source(signal) {
      let opened: OpenResponse;
      try {
        opened = await wire.open(signal);
      } catch (error) {
        throw context.mapError(error, call, signal);
      }
      const { response } = opened;
      try {
        const { requestId, rateLimit } = context.responseInfo(response, call);
        if (!response.body) {
          throw new NetworkError({
            message: `The ${provider} stream has no body.`,
            provider,
            ...(requestId ? { requestId } : {}),
          });
        }
        const errorContext = context.errorContext(call, signal);
        const events = wire.events(response.body, {
          requestId,
          rateLimit,
          mapErrorPayload: (error) =>
            mapHttpFailure(
              {
                status: undefined,
                error: readErrorObject(error),
                rawError: error,
                headers: response.headers,
                fallbackMessage: `The ${provider} stream failed.`,
              },
              errorContext,
            ),
        });
        try {
          yield* events;
        } catch (error) {
          throw context.mapError(error, call, signal);
        }
      } finally {
        opened.release();
      }
    },
    {
      provider,
      ...(call.signal ? { signal: call.signal } : {}),
      ...(call.firstTokenTimeoutMs !== undefined ? { firstTokenTimeoutMs: call.firstTokenTimeoutMs } : {}),
      ...(call.idleTimeoutMs !== undefined ? { idleTimeoutMs: call.idleTimeoutMs } : {}),
    },
  );
}
