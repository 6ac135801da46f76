import type { ChatStreamEvent, RateLimitInfo } from '@switchboard/core';
import type { ChatChunk } from './chat-chunk-schema.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapUsage } from './map-usage.js';
import type { ChatUsage } from './usage-schema.js';

/** Reads provider-specific data from one chunk as received (every field); created once per stream, may keep state. */
export type ChunkMetadataReader = (rawChunk: unknown) => Record<string, unknown> | undefined;

/** What the chunk mapping needs besides the chunks. */
export interface ChunkToEventsOptions {
  /** The provider name, the key of `providerMetadata`. */
  provider: string;
  /** The request id from the response headers, put on the `start` event. */
  requestId?: string | undefined;
  /** Rate-limit state from the response headers, put on the `start` event. */
  rateLimit?: RateLimitInfo | undefined;
  /** Reads provider-specific data from each chunk (Azure content-filter results). */
  readMetadata?: ChunkMetadataReader | undefined;
}

/**
 * Turns stream chunks into neutral events, one chunk at a time. The `start` event comes first, from the first chunk
 * with an id or choices (chunks before it, like Azure's prompt-filter chunk, only contribute metadata, delivered right
 * after `start`). Only choice 0 is followed. `finish` is emitted by `done()` at `[DONE]`, with the finish reason of
 * the last choice chunk and the usage of the final usage chunk.
 */
export class ChunkToEvents {
  private started = false;
  private readonly pending: ChatStreamEvent[] = [];
  private rawFinishReason: string | null = null;
  private usage: ChatUsage | undefined;

  constructor(private readonly options: ChunkToEventsOptions) {}

  /** The events one chunk produces, in order; `raw` is the chunk as received, for the metadata reader. */
  push(chunk: ChatChunk, raw: unknown = chunk): ChatStreamEvent[] {
    const events: ChatStreamEvent[] = [];
    const choices = chunk.choices ?? [];
    if (!this.started && (chunk.id || choices.length > 0)) this.start(events, chunk);
    if (chunk.usage) this.usage = chunk.usage;
    const metadata = this.options.readMetadata?.(raw);
    if (metadata) {
      const event: ChatStreamEvent = {
        type: 'provider-metadata',
        providerMetadata: { [this.options.provider]: metadata },
      };
      (this.started ? events : this.pending).push(event);
    }
    for (const choice of choices) {
      if ((choice.index ?? 0) !== 0) continue;
      const delta = choice.delta;
      if (delta?.content) events.push({ type: 'text-delta', delta: delta.content });
      if (delta?.refusal) events.push({ type: 'refusal-delta', delta: delta.refusal });
      if (delta?.tool_calls) {
        for (const [position, call] of delta.tool_calls.entries()) {
          const event: ChatStreamEvent = {
            type: 'tool-call-delta',
            index: call.index ?? position,
            argumentsDelta: call.function?.arguments ?? '',
          };
          if (call.id) event.id = call.id;
          if (call.function?.name) event.name = call.function.name;
          events.push(event);
        }
      }
      if (choice.finish_reason) this.rawFinishReason = choice.finish_reason;
    }
    return events;
  }

  /** The closing events at `[DONE]`: `start` if no chunk started the stream, pending metadata, then `finish`. */
  done(): ChatStreamEvent[] {
    const events: ChatStreamEvent[] = [];
    if (!this.started) this.start(events, undefined);
    const usage = mapUsage(this.usage);
    events.push({
      type: 'finish',
      finishReason: mapFinishReason(this.rawFinishReason),
      rawFinishReason: this.rawFinishReason,
      ...(usage ? { usage } : {}),
    });
    return events;
  }

  private start(events: ChatStreamEvent[], chunk: ChatChunk | undefined): void {
    this.started = true;
    const start: ChatStreamEvent = { type: 'start' };
    if (chunk?.id) start.id = chunk.id;
    if (chunk?.model) start.model = chunk.model;
    if (this.options.requestId) start.requestId = this.options.requestId;
    if (this.options.rateLimit) start.rateLimit = this.options.rateLimit;
    events.push(start, ...this.pending);
    this.pending.length = 0;
  }
}
