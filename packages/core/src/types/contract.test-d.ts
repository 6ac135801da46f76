import { describe, expectTypeOf, it } from 'vitest';
import type { Logger } from '../logging/logger.js';
import type { ChatStream } from '../stream/chat-stream.js';
import type { BatchService } from './batch.js';
import type { CallOptions } from './call-options.js';
import type { ChatMessage, ChatRequest, ToolChoice, UserContentPart } from './chat-request.js';
import type { ChatResponse, FinishReason } from './chat-response.js';
import type { Provider } from './provider.js';
import type { ChatStreamEvent } from './stream-events.js';

describe('the Provider contract', () => {
  it('requires chat and streamChat and makes the rest optional', () => {
    expectTypeOf<Provider['chat']>().toEqualTypeOf<
      (request: ChatRequest, options?: CallOptions) => Promise<ChatResponse>
    >();
    expectTypeOf<Provider['streamChat']>().returns.toEqualTypeOf<ChatStream>();
    expectTypeOf<Provider>().toHaveProperty('embed').toEqualTypeOf<Provider['embed']>();
    expectTypeOf<undefined>().toExtend<Provider['embed']>();
    expectTypeOf<undefined>().toExtend<Provider['batches']>();
    expectTypeOf<undefined>().toExtend<Provider['realtime']>();
    expectTypeOf<BatchService['list']>().returns.toEqualTypeOf<AsyncIterable<import('./batch.js').BatchJob>>();
  });

  it('accepts signal, timeouts, headers and metadata per call', () => {
    expectTypeOf<CallOptions>().toExtend<{
      signal?: AbortSignal;
      timeoutMs?: number;
      headers?: Record<string, string>;
    }>();
  });

  it('has the finish reasons of the design', () => {
    expectTypeOf<FinishReason>().toEqualTypeOf<
      'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other'
    >();
  });

  it('discriminates messages by role and parts by type', () => {
    const message: ChatMessage = { role: 'tool', toolCallId: 'c', content: '{}' };
    expectTypeOf(message).toExtend<ChatMessage>();
    expectTypeOf<{ role: 'tool'; content: string }>().not.toExtend<ChatMessage>();
    expectTypeOf<{ type: 'image'; image: Uint8Array; detail: 'low' }>().toExtend<UserContentPart>();
    expectTypeOf<{ type: 'image'; image: Uint8Array; detail: 'ultra' }>().not.toExtend<UserContentPart>();
    expectTypeOf<{ type: 'tool'; name: 'f' }>().toExtend<ToolChoice>();
  });

  it('streams typed events and is async-iterable', () => {
    expectTypeOf<ChatStream>().toExtend<AsyncIterable<ChatStreamEvent>>();
    expectTypeOf<ChatStream['response']>().toEqualTypeOf<Promise<ChatResponse>>();
    expectTypeOf<ChatStream['textStream']>().toEqualTypeOf<AsyncIterable<string>>();
    expectTypeOf<Extract<ChatStreamEvent, { type: 'finish' }>['finishReason']>().toEqualTypeOf<FinishReason>();
  });

  it('takes a pino-shaped logger', () => {
    const pinoLike = { debug() {}, info() {}, warn() {}, error() {}, level: 'info', child: () => pinoLike };
    expectTypeOf(pinoLike).toExtend<Logger>();
  });
});
