import { realtimeId } from '../../vocabulary/ids.js';
import type { JsonObject } from '../../vocabulary/json.js';
import { synthesizeAudio } from '../protocol/audio.js';
import type { Conversation } from '../protocol/conversation.js';
import type { ConversationEntry } from '../protocol/items.js';
import { estimateTokens, splitIntoDeltas } from './reply-text.js';
import { planResponse, type ResponseParams } from './response-plan.js';

/** The abort reason a `response.cancel` uses; any other reason (a closed socket) ends the response silently. */
export const RESPONSE_CANCELLED = Symbol('response cancelled');

/** What a streaming response needs from its connection. */
export interface ResponseHost {
  readonly conversationId: string;
  readonly seed: number;
  readonly firstDeltaMs: number;
  readonly betweenDeltasMs: number;
  /** Sends a server event (the host adds `event_id`); a no-op once the socket is gone. */
  send(event: JsonObject): void;
  /** Waits `ms` (0 still yields to the event loop); rejects when `signal` aborts. */
  pause(ms: number, signal: AbortSignal): Promise<void>;
  /** Fault injection point after each delta; may drop the connection. */
  afterDelta(deltasSent: number): void;
  /** Fault injection point just before `response.done`. */
  beforeResponseDone(): void;
  /** Called after `response.done` with the tokens the response used (for `rate_limits.updated`). */
  afterResponseDone(totalTokens: number): void;
}

const AUDIO_MS_PER_CHARACTER = 60;
/** Without latency, deltas go out in bursts of this many (one socket write), yielding between bursts. */
const BURST = 8;
const MIN_AUDIO_MS_PER_DELTA = 100;
const ARGUMENT_CHUNK = 8;

interface Output {
  entry: ConversationEntry;
  textTokens: number;
  audioMs: number;
  status: 'completed' | 'incomplete';
}

/**
 * Streams one response with the GA events: `response.created`, the output item with its content part and deltas
 * (text, audio + transcript, or function call arguments), the `.done` events and `response.done` with usage. A
 * `response.cancel` (abort with RESPONSE_CANCELLED) ends it with status `cancelled`.
 */
export async function streamResponse(
  host: ResponseHost,
  conversation: Conversation,
  params: ResponseParams,
  signal: AbortSignal,
  responseId: string,
): Promise<void> {
  const context = params.input ?? conversation.entries;
  const plan = planResponse(context, params, host.seed);
  const base: JsonObject = {
    id: responseId,
    object: 'realtime.response',
    output_modalities: params.outputModalities,
    max_output_tokens: params.maxOutputTokens,
    audio: { output: { format: params.outputFormat, voice: params.voice } },
    metadata: params.metadata,
  };
  if (params.conversation === 'auto') base.conversation_id = host.conversationId;
  host.send({ type: 'response.created', response: { ...base, status: 'in_progress', output: [] } });
  const itemBase = { id: realtimeId('item'), object: 'realtime.item', status: 'in_progress' };
  const item: JsonObject =
    plan.kind === 'function_call'
      ? { ...itemBase, type: 'function_call', call_id: realtimeId('call'), name: plan.call.name, arguments: '' }
      : { ...itemBase, type: 'message', role: 'assistant', content: [] };
  const output: Output = { entry: { item, text: '', audioMs: 0 }, textTokens: 0, audioMs: 0, status: 'completed' };
  const ids = { response_id: base.id, item_id: item.id, output_index: 0 };
  try {
    host.send({ type: 'response.output_item.added', response_id: base.id, output_index: 0, item });
    if (params.conversation === 'auto') {
      const previous = conversation.insert(output.entry);
      host.send({ type: 'conversation.item.added', previous_item_id: previous, item });
    }
    if (plan.kind === 'function_call') await streamArguments(host, output, plan.call.arguments, ids, signal);
    else await streamMessage(host, output, plan.text, params, ids, signal);
    item.status = output.status;
    host.send({ type: 'response.output_item.done', response_id: base.id, output_index: 0, item });
    if (params.conversation === 'auto') host.send({ type: 'conversation.item.done', item });
    host.beforeResponseDone();
    signal.throwIfAborted();
  } catch (error) {
    if (!signal.aborted) throw error;
    if (signal.reason !== RESPONSE_CANCELLED) return;
    item.status = 'incomplete';
    output.status = 'incomplete';
  }
  const cancelled = signal.reason === RESPONSE_CANCELLED;
  const usage = usageOf(context, params, output);
  const response: JsonObject = { ...base, status: cancelled ? 'cancelled' : output.status, output: [item], usage };
  if (cancelled) response.status_details = { type: 'cancelled', reason: 'client_cancelled' };
  else if (output.status === 'incomplete')
    response.status_details = { type: 'incomplete', reason: 'max_output_tokens' };
  host.send({ type: 'response.done', response });
  host.afterResponseDone(usage.total_tokens);
}

async function streamMessage(
  host: ResponseHost,
  output: Output,
  text: string,
  params: ResponseParams,
  ids: JsonObject,
  signal: AbortSignal,
): Promise<void> {
  const audio = params.outputModalities.includes('audio');
  const ref = { ...ids, content_index: 0 };
  host.send({
    type: 'response.content_part.added',
    ...ref,
    part: audio ? { type: 'audio', transcript: '' } : { type: 'text', text: '' },
  });
  let deltas = splitIntoDeltas(text);
  if (params.maxOutputTokens !== 'inf' && deltas.length > params.maxOutputTokens) {
    deltas = deltas.slice(0, params.maxOutputTokens);
    output.status = 'incomplete';
  }
  let sent = '';
  let samples = 0;
  for (const [index, delta] of deltas.entries()) {
    await pauseBeforeDelta(host, index, signal);
    sent += delta;
    output.textTokens++;
    output.entry.text = sent;
    if (audio) {
      host.send({ type: 'response.output_audio_transcript.delta', ...ref, delta });
      const ms = Math.max(MIN_AUDIO_MS_PER_DELTA, delta.trim().length * AUDIO_MS_PER_CHARACTER);
      const chunk = synthesizeAudio(ms, params.outputFormat, samples);
      samples += chunk.length / 2;
      output.audioMs += ms;
      host.send({ type: 'response.output_audio.delta', ...ref, delta: chunk.toString('base64') });
    } else {
      host.send({ type: 'response.output_text.delta', ...ref, delta });
    }
    host.afterDelta(index + 1);
    signal.throwIfAborted();
  }
  const content = audio ? { type: 'output_audio', transcript: sent } : { type: 'output_text', text: sent };
  output.entry.item.content = [content];
  if (audio) {
    host.send({ type: 'response.output_audio.done', ...ref });
    host.send({ type: 'response.output_audio_transcript.done', ...ref, transcript: sent });
  } else {
    host.send({ type: 'response.output_text.done', ...ref, text: sent });
  }
  const part = audio ? { type: 'audio', transcript: sent } : { type: 'text', text: sent };
  host.send({ type: 'response.content_part.done', ...ref, part });
}

async function streamArguments(
  host: ResponseHost,
  output: Output,
  args: string,
  ids: JsonObject,
  signal: AbortSignal,
): Promise<void> {
  const { item } = output.entry;
  const ref = { ...ids, call_id: item.call_id };
  const chunks = args.match(new RegExp(`[\\s\\S]{1,${ARGUMENT_CHUNK}}`, 'g')) ?? [];
  for (const [index, delta] of chunks.entries()) {
    await pauseBeforeDelta(host, index, signal);
    item.arguments = `${item.arguments}${delta}`;
    host.send({ type: 'response.function_call_arguments.delta', ...ref, delta });
    host.afterDelta(index + 1);
    signal.throwIfAborted();
  }
  output.textTokens = estimateTokens(args);
  host.send({ type: 'response.function_call_arguments.done', ...ref, name: item.name, arguments: args });
}

async function pauseBeforeDelta(host: ResponseHost, index: number, signal: AbortSignal): Promise<void> {
  const ms = index === 0 ? host.firstDeltaMs : host.betweenDeltasMs;
  // Yielding still lets a response.cancel or another connection in between bursts.
  if (ms === 0 && index % BURST !== 0) return;
  await host.pause(ms, signal);
}

function usageOf(context: readonly ConversationEntry[], params: ResponseParams, output: Output) {
  let inputText = estimateTokens(params.instructions);
  let inputAudioMs = 0;
  for (const entry of context) {
    if (entry === output.entry) continue;
    inputText += estimateTokens(entry.text);
    inputAudioMs += entry.audioMs;
  }
  // Roughly what the real models bill: ten audio tokens per second of input, twenty per second of output.
  const inputAudio = Math.ceil(inputAudioMs / 100);
  const outputAudio = Math.ceil(output.audioMs / 50);
  const inputTokens = inputText + inputAudio;
  const outputTokens = output.textTokens + outputAudio;
  return {
    total_tokens: inputTokens + outputTokens,
    input_tokens: inputTokens,
    output_tokens: outputTokens,
    input_token_details: {
      text_tokens: inputText,
      audio_tokens: inputAudio,
      image_tokens: 0,
      cached_tokens: 0,
      cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
    },
    output_token_details: { text_tokens: output.textTokens, audio_tokens: outputAudio },
  };
}
