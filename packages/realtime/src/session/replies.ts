import type { SwitchboardError } from '@switchboard/core';
import { mapServerError } from '../errors/map-server-error.js';
import { ResponseInterruptedError } from '../errors/response-interrupted-error.js';
import type { RealtimeClientEvent, RealtimeResponseParams } from '../events/client-events.js';
import type { RealtimeLocalEvent } from '../events/local-events.js';
import type { RealtimeServerEvent } from '../events/server-events.js';
import type { RealtimeFunctionToolDefinition } from '../events/session-config.js';
import { RealtimeReply, ReplySink } from '../helpers/realtime-reply.js';
import type { RealtimeTool } from '../helpers/realtime-tool.js';
import { REQUEST_METADATA_KEY, ResponseTracker } from '../helpers/response-tracker.js';
import { ToolRunner } from '../helpers/tool-runner.js';
import type { ReplyOptions } from './session-types.js';

/** What the replies need from the session. */
export interface ReplyHost {
  /** The provider name, for errors. */
  readonly provider: string;
  /** Aborted when the session closes (tool handlers get it). */
  readonly signal: AbortSignal;
  /** Sends events as one unit and returns their ids; throws when the session is closed or the queue is full. */
  send(events: RealtimeClientEvent[]): string[];
  /** Asks the server to cancel a response, unless the session has closed meanwhile. */
  cancel(responseId: string): void;
  /** Emits a session event (`tool-result`, `response-interrupted`) while the session is not closed. */
  emit(event: RealtimeLocalEvent): void;
}

/**
 * The replies of `sendText` / `createResponse`: sends each `response.create` tagged with a request id, routes the
 * response's deltas and its end to the reply, answers tool calls and asks for the response that follows them, and
 * fails the replies that a dropped connection or a closed session can never finish.
 */
export class Replies {
  readonly #host: ReplyHost;
  readonly #tracker = new ResponseTracker();
  readonly #tools: ToolRunner;
  #requestCounter = 0;

  constructor(tools: Record<string, RealtimeTool>, host: ReplyHost) {
    this.#host = host;
    this.#tools = new ToolRunner(tools, {
      respond: (outputs, sink) => this.#continueAfterTools(outputs, sink),
      emit: (event) => host.emit(event),
      signal: host.signal,
    });
  }

  /** The `session.tools` entries of the registered tools. */
  toolDefinitions(): RealtimeFunctionToolDefinition[] {
    return this.#tools.definitions();
  }

  /** Sends `before` and a `response.create` as one unit; the reply follows that response (and any tool calls). */
  create(options: ReplyOptions, before: RealtimeClientEvent[]): RealtimeReply {
    const sink = new ReplySink(this.#tracker.forget);
    const { event, requestId } = this.#responseCreate(options.response);
    let eventIds: string[];
    try {
      eventIds = this.#host.send([...before, event]);
    } catch (error) {
      sink.fail(error);
      throw error;
    }
    this.#tracker.register(sink, requestId, eventIds.at(-1) as string);
    for (const eventId of eventIds.slice(0, -1)) this.#tracker.watchEvent(sink, eventId);
    return new RealtimeReply(
      sink,
      () => {
        sink.cancelRequested = true;
        if (sink.responseId !== undefined) this.#host.cancel(sink.responseId);
      },
      options.signal,
    );
  }

  /** Feeds a server event to the reply it belongs to, if any. */
  observe(event: RealtimeServerEvent): void {
    switch (event.type) {
      case 'response.output_text.delta':
      case 'response.output_audio_transcript.delta':
        this.#tracker.sinkFor(event.response_id)?.text.push(event.delta);
        return;
      case 'response.output_audio.delta':
        this.#tracker.sinkFor(event.response_id)?.audio.push(event.delta);
        return;
      case 'response.created': {
        const sink = this.#tracker.created(event.response);
        // The reply was cancelled before the server had named its response: cancel it now that it has.
        if (sink?.cancelRequested) this.#host.cancel(event.response.id);
        return;
      }
      case 'response.done': {
        const sink = this.#tracker.done(event.response);
        const continues = this.#tools.handle(event.response, sink);
        if (!sink) return;
        if (continues) sink.addResponse(event.response);
        else if (event.response.status === 'failed') {
          sink.fail(mapServerError(event.response.status_details?.error ?? {}, this.#host.provider));
        } else sink.complete(event.response);
        return;
      }
      case 'error':
        this.#tracker.errorFor(event.error)?.fail(mapServerError(event.error, this.#host.provider));
        return;
      default:
        return;
    }
  }

  /**
   * The socket dropped: responses in flight, and requests delivered but not answered, can never finish. Requests
   * still queued (`isQueued`) keep waiting for the next connection.
   */
  interrupt(closeCode: number, cause: SwitchboardError | undefined, isQueued: (eventId: string) => boolean): void {
    for (const { responseId, sink } of this.#tracker.interrupt(isQueued)) {
      const error = new ResponseInterruptedError({ responseId, closeCode, provider: this.#host.provider, cause });
      sink?.fail(error);
      this.#host.emit(
        responseId ? { type: 'response-interrupted', responseId, error } : { type: 'response-interrupted', error },
      );
    }
  }

  /** The session closed: every reply still waiting fails with `error`. */
  failAll(error: SwitchboardError): void {
    for (const sink of this.#tracker.liveSinks()) sink.fail(error);
  }

  /** Tool outputs and the response that follows them, sent as one unit. */
  #continueAfterTools(outputs: RealtimeClientEvent[], sink: ReplySink | undefined): void {
    const { event, requestId } = this.#responseCreate(undefined);
    const eventIds = this.#host.send([...outputs, event]);
    if (sink) this.#tracker.register(sink, requestId, eventIds.at(-1) as string);
  }

  /** A `response.create` whose metadata carries a request id, so its `response.created` can be recognised. */
  #responseCreate(params: RealtimeResponseParams | undefined): { event: RealtimeClientEvent; requestId: string } {
    const requestId = `req_${(++this.#requestCounter).toString(36)}`;
    const response: RealtimeResponseParams = {
      ...params,
      metadata: { ...params?.metadata, [REQUEST_METADATA_KEY]: requestId },
    };
    return { event: { type: 'response.create', response }, requestId };
  }
}
