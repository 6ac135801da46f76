import type { Attributes } from '@opentelemetry/api';
import type { ChatStreamEvent } from '@switchboard/core';
import { outputContentAttributes } from '../attributes/content-attributes.js';
import type { CallOutcome } from '../attributes/response-attributes.js';
import { FINISH_REASONS } from '../attributes/response-attributes.js';

/**
 * What a span needs from a stream, gathered event by event: ids and usage always, the answer's text and tool calls
 * only when content is captured (so a long stream costs no memory otherwise).
 */
export class StreamOutcome {
  readonly #captureContent: boolean;
  readonly #outcome: CallOutcome = {};
  #text = '';
  #refusal = '';
  #rawFinishReason: string | null = null;
  readonly #toolCalls = new Map<number, { id: string; name: string; arguments: string }>();

  constructor(captureContent: boolean) {
    this.#captureContent = captureContent;
  }

  /** Learns from one event. */
  push(event: ChatStreamEvent): void {
    switch (event.type) {
      case 'start':
        if (event.id) this.#outcome.id = event.id;
        if (event.model) this.#outcome.model = event.model;
        if (event.requestId) this.#outcome.requestId = event.requestId;
        return;
      case 'finish':
        this.#outcome.finishReasons = [FINISH_REASONS[event.finishReason]];
        this.#rawFinishReason = event.rawFinishReason;
        if (event.usage) this.#outcome.usage = event.usage;
        return;
    }
    if (!this.#captureContent) return;
    if (event.type === 'text-delta') this.#text += event.delta;
    else if (event.type === 'refusal-delta') this.#refusal += event.delta;
    else if (event.type === 'tool-call') this.#toolCalls.set(event.index, { ...event.toolCall });
  }

  /** The outcome so far. */
  get outcome(): CallOutcome {
    return this.#outcome;
  }

  /** The answer as content attributes (empty unless content is captured). */
  contentAttributes(): Attributes {
    if (!this.#captureContent) return {};
    return outputContentAttributes({
      text: this.#text,
      refusal: this.#refusal || null,
      toolCalls: [...this.#toolCalls.values()],
      rawFinishReason: this.#rawFinishReason,
    });
  }
}
