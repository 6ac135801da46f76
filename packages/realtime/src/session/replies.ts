import { type SwitchboardError, TimeoutError } from '@switchboard/core';
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
import { StartDeadlines } from './start-deadlines.js';

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
  /** True while the event waits for a connection (it is not on the wire yet). */
  isQueued(eventId: string): boolean;
  /** Time allowed for a response to start once its `response.create` is on the wire. */
  readonly responseStartTimeoutMs: number;
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
  readonly #deadlines: StartDeadlines;
  #requestCounter = 0;

  constructor(tools: Record<string, RealtimeTool>, host: ReplyHost) {
    this.#host = host;
    this.#deadlines = new StartDeadlines(host.responseStartTimeoutMs, (sink, timeoutMs) =>
      sink.fail(
        new TimeoutError({
          phase: 'first-token',
          timeoutMs,
          message: `No response started within ${timeoutMs} ms of its response.create: the server sent neither a response.created with the request's metadata nor an error naming the event.`,
          provider: host.provider,
        }),
      ),
    );
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
    const sink = new ReplySink(this.#settled);
    const { event, requestId } = this.#responseCreate(options.response);
    let eventIds: string[];
    try {
      eventIds = this.#host.send([...before, event]);
    } catch (error) {
      sink.fail(error);
      throw error;
    }
    this.#register(sink, requestId, eventIds.at(-1) as string);
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
        if (sink) this.#deadlines.disarm(sink);
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
    // Requests that stay queued get a fresh deadline once they are sent on the next connection (see `opened`).
    this.#deadlines.disarmAll();
    for (const { responseId, sink } of this.#tracker.interrupt(isQueued)) {
      const error = new ResponseInterruptedError({ responseId, closeCode, provider: this.#host.provider, cause });
      sink?.fail(error);
      this.#host.emit(
        responseId ? { type: 'response-interrupted', responseId, error } : { type: 'response-interrupted', error },
      );
    }
  }

  /** A connection opened and the queue went out on it: requests sent now start their deadlines. */
  opened(): void {
    for (const { sink, createEventId } of this.#tracker.waitingToStart()) {
      if (!this.#host.isQueued(createEventId)) this.#deadlines.arm(sink);
    }
  }

  /** The session closed: every reply still waiting fails with `error`. */
  failAll(error: SwitchboardError): void {
    this.#deadlines.disarmAll();
    for (const sink of this.#tracker.liveSinks()) sink.fail(error);
  }

  /** Replies still waiting for their response to start (for tests). */
  get startDeadlines(): number {
    return this.#deadlines.size;
  }

  readonly #settled = (sink: ReplySink): void => {
    this.#tracker.forget(sink);
    this.#deadlines.disarm(sink);
  };

  /** Tracks a sent `response.create`; its deadline starts now when it went on the wire, else on the next `opened`. */
  #register(sink: ReplySink, requestId: string, createEventId: string): void {
    this.#tracker.register(sink, requestId, createEventId);
    if (!this.#host.isQueued(createEventId)) this.#deadlines.arm(sink);
  }

  /** Tool outputs and the response that follows them, sent as one unit. */
  #continueAfterTools(outputs: RealtimeClientEvent[], sink: ReplySink | undefined): void {
    const { event, requestId } = this.#responseCreate(undefined);
    const eventIds = this.#host.send([...outputs, event]);
    if (sink) this.#register(sink, requestId, eventIds.at(-1) as string);
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
