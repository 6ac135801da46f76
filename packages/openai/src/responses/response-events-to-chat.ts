import type { ChatStreamEvent, RateLimitInfo, SwitchboardError } from '@switchboard/core';
import { mapResponsesFinish } from './map-responses-finish.js';
import { responsesMetadata, toReasoningInput } from './map-responses-response.js';
import { mapResponsesUsage } from './map-responses-usage.js';
import {
  functionCallItemSchema,
  type ReasoningItem,
  type ResponseBody,
  type ResponseEvent,
  reasoningItemSchema,
} from './responses-schemas.js';

/** What the event mapping needs besides the events. */
export interface ResponseEventsToChatOptions {
  /** The provider name, the key of `providerMetadata`. */
  provider: string;
  /** The request id from the response headers, put on the `start` event. */
  requestId?: string | undefined;
  /** Rate-limit state from the response headers, put on the `start` event. */
  rateLimit?: RateLimitInfo | undefined;
  /** Maps the `error` of a failed response or an `error` event to a typed error. */
  mapErrorPayload: (error: unknown) => SwitchboardError;
}

/**
 * Turns Responses stream events into the neutral events of core's `ChatStream`, one event at a time:
 * `response.created` → `start`; output text, refusal and reasoning-summary deltas → `text-delta`, `refusal-delta`,
 * `reasoning-delta`; a `function_call` item → `tool-call-delta`s (id and name with the first) and a complete
 * `tool-call` when the item is done; `response.completed` / `response.incomplete` → the reasoning items as
 * `provider-metadata`, then `finish` with usage. `response.failed` and `error` throw the mapped error.
 */
export class ResponseEventsToChat {
  private started = false;
  private finished = false;
  private readonly toolIndex = new Map<string, number>();
  private readonly reasoningItems: ReasoningItem[] = [];
  private lastSummary: string | undefined;

  constructor(private readonly options: ResponseEventsToChatOptions) {}

  /** True once `response.completed` or `response.incomplete` has been mapped. */
  get done(): boolean {
    return this.finished;
  }

  /** The neutral events of one stream event, in order. */
  push(event: ResponseEvent): ChatStreamEvent[] {
    switch (event.type) {
      case 'response.created':
        return this.start(event.response);
      case 'response.output_text.delta':
        return [...this.start(), { type: 'text-delta', delta: event.delta }];
      case 'response.refusal.delta':
        return [...this.start(), { type: 'refusal-delta', delta: event.delta }];
      case 'response.reasoning_summary_text.delta': {
        const key = `${event.item_id ?? ''}:${event.summary_index ?? 0}`;
        const separator = this.lastSummary !== undefined && this.lastSummary !== key ? '\n\n' : '';
        this.lastSummary = key;
        return [...this.start(), { type: 'reasoning-delta', delta: separator + event.delta }];
      }
      case 'response.output_item.added':
        return [...this.start(), ...this.itemAdded(event.item, event.output_index)];
      case 'response.function_call_arguments.delta': {
        const index = this.toolIndex.get(itemKey(event.item_id, event.output_index));
        if (index === undefined) return [];
        return [{ type: 'tool-call-delta', index, argumentsDelta: event.delta }];
      }
      case 'response.output_item.done':
        return this.itemDone(event.item, event.output_index);
      case 'response.completed':
      case 'response.incomplete':
        return this.finish(event.response);
      case 'response.failed':
        throw this.options.mapErrorPayload(
          event.response.error ?? { code: 'server_error', message: `The ${this.options.provider} response failed.` },
        );
      case 'error': {
        const { type: _type, ...error } = event;
        throw this.options.mapErrorPayload(error);
      }
    }
  }

  private start(response?: ResponseBody): ChatStreamEvent[] {
    if (this.started) return [];
    this.started = true;
    const start: ChatStreamEvent = { type: 'start' };
    if (response?.id) start.id = response.id;
    if (response?.model) start.model = response.model;
    if (this.options.requestId) start.requestId = this.options.requestId;
    if (this.options.rateLimit) start.rateLimit = this.options.rateLimit;
    return [start];
  }

  private itemAdded(item: unknown, outputIndex: number | null | undefined): ChatStreamEvent[] {
    const call = functionCallItemSchema.safeParse(item);
    if (!call.success) return [];
    const index = this.toolIndex.size;
    this.toolIndex.set(itemKey(call.data.id, outputIndex), index);
    if (call.data.id) this.toolIndex.set(itemKey(call.data.id, undefined), index);
    return [
      {
        type: 'tool-call-delta',
        index,
        id: call.data.call_id,
        name: call.data.name,
        argumentsDelta: call.data.arguments ?? '',
      },
    ];
  }

  private itemDone(item: unknown, outputIndex: number | null | undefined): ChatStreamEvent[] {
    const reasoning = reasoningItemSchema.safeParse(item);
    if (reasoning.success) {
      this.reasoningItems.push(toReasoningInput(reasoning.data));
      return [];
    }
    const call = functionCallItemSchema.safeParse(item);
    if (!call.success) return [];
    const index = this.toolIndex.get(itemKey(call.data.id, outputIndex)) ?? this.toolIndex.size;
    this.toolIndex.set(itemKey(call.data.id, outputIndex), index);
    return [
      {
        type: 'tool-call',
        index,
        toolCall: { id: call.data.call_id, name: call.data.name, arguments: call.data.arguments ?? '' },
      },
    ];
  }

  private finish(response: ResponseBody): ChatStreamEvent[] {
    this.finished = true;
    const events = this.start(response);
    const metadata = responsesMetadata(this.reasoningItems, undefined);
    if (metadata) events.push({ type: 'provider-metadata', providerMetadata: { [this.options.provider]: metadata } });
    const usage = mapResponsesUsage(response.usage);
    events.push({
      type: 'finish',
      ...mapResponsesFinish(response, this.toolIndex.size > 0),
      ...(usage ? { usage } : {}),
    });
    return events;
  }
}

function itemKey(itemId: string | null | undefined, outputIndex: number | null | undefined): string {
  return itemId ? `id:${itemId}` : `index:${outputIndex ?? 0}`;
}
