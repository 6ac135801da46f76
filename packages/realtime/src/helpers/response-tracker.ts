import type { RealtimeErrorDetails, RealtimeResponse } from '../events/server/shared-schemas.js';
import type { ReplySink } from './realtime-reply.js';

/** The metadata key that ties a `response.create` to its `response.created` (the server echoes metadata). */
export const REQUEST_METADATA_KEY = 'switchboard_request_id';

/** A response that was in flight when the connection dropped. */
export interface InterruptedResponse {
  /** Its id, when `response.created` had arrived. */
  responseId?: string;
  /** The reply waiting for it, if a helper created it. */
  sink?: ReplySink;
}

interface PendingRequest {
  sink: ReplySink;
  createEventId: string;
}

/**
 * Which response belongs to which reply: requests wait for their `response.created` (matched by a metadata id, so
 * responses the server starts on its own, e.g. after voice activity detection, are never mistaken for them), then
 * stay active until `response.done`. When the socket drops it says which responses can never finish.
 */
export class ResponseTracker {
  readonly #pending = new Map<string, PendingRequest>();
  readonly #active = new Map<string, ReplySink | undefined>();
  readonly #byEventId = new Map<string, ReplySink>();
  readonly #live = new Set<ReplySink>();

  /** Responses that have started and not finished. */
  get activeCount(): number {
    return this.#active.size;
  }

  /** Replies still waiting. */
  get liveCount(): number {
    return this.#live.size;
  }

  /** Called by a reply when it settles. */
  readonly forget = (sink: ReplySink): void => {
    this.#live.delete(sink);
    for (const id of sink.eventIds) this.#byEventId.delete(id);
    for (const [requestId, request] of this.#pending) if (request.sink === sink) this.#pending.delete(requestId);
    if (sink.responseId !== undefined && this.#active.get(sink.responseId) === sink) {
      this.#active.set(sink.responseId, undefined);
    }
  };

  /** A helper sent `response.create` with `requestId` in its metadata. */
  register(sink: ReplySink, requestId: string, createEventId: string): void {
    this.#live.add(sink);
    this.#pending.set(requestId, { sink, createEventId });
    this.watchEvent(sink, createEventId);
  }

  /** An `error` event naming `eventId` fails `sink`. */
  watchEvent(sink: ReplySink, eventId: string): void {
    sink.eventIds.add(eventId);
    this.#byEventId.set(eventId, sink);
  }

  /** `response.created`: returns the reply it belongs to, if any. */
  created(response: RealtimeResponse): ReplySink | undefined {
    const requestId = response.metadata?.[REQUEST_METADATA_KEY];
    const request = typeof requestId === 'string' ? this.#pending.get(requestId) : undefined;
    if (request) this.#pending.delete(requestId as string);
    const sink = request && !request.sink.settled ? request.sink : undefined;
    if (sink) sink.responseId = response.id;
    this.#active.set(response.id, sink);
    return sink;
  }

  /** The reply a delta of `responseId` goes to. */
  sinkFor(responseId: string): ReplySink | undefined {
    return this.#active.get(responseId);
  }

  /** `response.done`: returns the reply it belongs to, if any. */
  done(response: RealtimeResponse): ReplySink | undefined {
    const sink = this.#active.get(response.id);
    this.#active.delete(response.id);
    return sink;
  }

  /** An `error` event: the reply it fails, if it names one of a reply's events. */
  errorFor(details: RealtimeErrorDetails): ReplySink | undefined {
    const eventId = details.event_id;
    return typeof eventId === 'string' ? this.#byEventId.get(eventId) : undefined;
  }

  /**
   * The socket dropped: every active response, and every request whose `response.create` was delivered but not yet
   * answered, is interrupted. Requests still queued for the next connection (`isQueued`) keep waiting.
   */
  interrupt(isQueued: (eventId: string) => boolean): InterruptedResponse[] {
    const interrupted: InterruptedResponse[] = [];
    for (const [responseId, sink] of this.#active) interrupted.push(sink ? { responseId, sink } : { responseId });
    this.#active.clear();
    for (const [requestId, request] of this.#pending) {
      if (isQueued(request.createEventId)) continue;
      this.#pending.delete(requestId);
      interrupted.push({ sink: request.sink });
    }
    return interrupted;
  }

  /** Replies whose `response.create` is out and whose response has not started, with that event's id. */
  waitingToStart(): { sink: ReplySink; createEventId: string }[] {
    return [...this.#pending.values()].map(({ sink, createEventId }) => ({ sink, createEventId }));
  }

  /** Every reply still waiting (to fail them when the session closes). */
  liveSinks(): ReplySink[] {
    return [...this.#live];
  }
}
