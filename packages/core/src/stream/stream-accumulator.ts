import type { ChatResponse, FinishReason, ResponseToolCall } from '../types/chat-response.js';
import type { ChatStreamEvent } from '../types/stream-events.js';
import type { RateLimitInfo, Usage } from '../types/usage.js';

interface PartialToolCall {
  id: string;
  name: string;
  arguments: string;
  emitted: boolean;
}

/**
 * Folds stream events into the final `ChatResponse` and completes tool calls: a call is complete when the next one
 * starts or the stream finishes, and a `tool-call` event is emitted for it unless the source already sent one.
 */
export class StreamAccumulator {
  private id = '';
  private model = '';
  private text = '';
  private refusal: string | null = null;
  private reasoningSummary: string | undefined;
  private readonly toolCalls = new Map<number, PartialToolCall>();
  private finishReason: FinishReason | undefined;
  private rawFinishReason: string | null = null;
  private usage: Usage | undefined;
  private rateLimit: RateLimitInfo | undefined;
  private requestId: string | undefined;
  private providerMetadata: Record<string, Record<string, unknown>> | undefined;

  /** True once a `finish` event has been seen. */
  get finished(): boolean {
    return this.finishReason !== undefined;
  }

  /** Takes one source event and returns the events to hand to the consumer, in order. */
  push(event: ChatStreamEvent): ChatStreamEvent[] {
    switch (event.type) {
      case 'start':
        this.id = event.id ?? this.id;
        this.model = event.model ?? this.model;
        this.requestId = event.requestId ?? this.requestId;
        this.rateLimit = event.rateLimit ?? this.rateLimit;
        return [event];
      case 'text-delta':
        this.text += event.delta;
        return [event];
      case 'refusal-delta':
        this.refusal = (this.refusal ?? '') + event.delta;
        return [event];
      case 'reasoning-delta':
        this.reasoningSummary = (this.reasoningSummary ?? '') + event.delta;
        return [event];
      case 'tool-call-delta':
        return [...this.completeToolCallsBefore(event.index), this.addToolCallDelta(event)];
      case 'tool-call': {
        this.toolCalls.set(event.index, { ...event.toolCall, emitted: true });
        return [event];
      }
      case 'provider-metadata':
        this.providerMetadata = mergeMetadata(this.providerMetadata, event.providerMetadata);
        return [event];
      case 'finish':
        this.finishReason = event.finishReason;
        this.rawFinishReason = event.rawFinishReason;
        this.usage = event.usage ?? this.usage;
        return [...this.completeToolCallsBefore(Number.POSITIVE_INFINITY), event];
    }
  }

  /** The assembled response; call after the `finish` event. */
  toResponse(): ChatResponse {
    const toolCalls: ResponseToolCall[] = [...this.toolCalls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => ({
        id: call.id,
        name: call.name,
        arguments: call.arguments,
        parsedArguments: parseJson(call.arguments),
      }));
    const response: ChatResponse = {
      id: this.id,
      model: this.model,
      text: this.text,
      toolCalls,
      refusal: this.refusal,
      finishReason: this.finishReason ?? 'other',
      rawFinishReason: this.rawFinishReason,
    };
    if (this.reasoningSummary !== undefined) response.reasoningSummary = this.reasoningSummary;
    if (this.usage) response.usage = this.usage;
    if (this.rateLimit) response.rateLimit = this.rateLimit;
    if (this.requestId) response.requestId = this.requestId;
    if (this.providerMetadata) response.providerMetadata = this.providerMetadata;
    return response;
  }

  private addToolCallDelta(event: Extract<ChatStreamEvent, { type: 'tool-call-delta' }>): ChatStreamEvent {
    const call = this.toolCalls.get(event.index) ?? { id: '', name: '', arguments: '', emitted: false };
    if (event.id) call.id = event.id;
    if (event.name) call.name += event.name;
    call.arguments += event.argumentsDelta;
    this.toolCalls.set(event.index, call);
    return event;
  }

  private completeToolCallsBefore(index: number): ChatStreamEvent[] {
    const completed: ChatStreamEvent[] = [];
    for (const [i, call] of [...this.toolCalls.entries()].sort(([a], [b]) => a - b)) {
      if (i >= index || call.emitted) continue;
      call.emitted = true;
      completed.push({
        type: 'tool-call',
        index: i,
        toolCall: { id: call.id, name: call.name, arguments: call.arguments },
      });
    }
    return completed;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function mergeMetadata(
  current: Record<string, Record<string, unknown>> | undefined,
  next: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const merged = { ...current };
  for (const [provider, data] of Object.entries(next)) merged[provider] = { ...merged[provider], ...data };
  return merged;
}
