import type { JsonObject } from '../../vocabulary/json.js';
import type { RealtimeAudioFormat } from '../protocol/audio.js';
import { type ConversationEntry, parseClientItem } from '../protocol/items.js';
import type { RealtimeSessionState } from '../protocol/session.js';
import {
  type OutputModality,
  parseAudioFormat,
  parseMaxOutputTokens,
  parseOutputModalities,
  parseToolChoice,
  parseTools,
  parseVoice,
} from '../protocol/session-fields.js';
import { expectArray, expectObject, expectOneOf, expectString, rejectUnknownKeys } from '../protocol/validate.js';
import { GREETING, replyText, toolResultText } from './reply-text.js';
import { type PlannedToolCall, planToolCall } from './tool-calls.js';

/** The settings of one response: the session's, overridden by the `response` of `response.create`. */
export interface ResponseParams {
  outputModalities: OutputModality[];
  instructions: string;
  tools: JsonObject[];
  toolChoice: string | JsonObject;
  maxOutputTokens: number | 'inf';
  /** `none` makes an out-of-band response: nothing is added to the conversation. */
  conversation: 'auto' | 'none';
  metadata: JsonObject | null;
  /** Items to answer instead of the conversation, when given. */
  input: ConversationEntry[] | undefined;
  outputFormat: RealtimeAudioFormat;
  voice: string;
}

/** What the mock model will produce: text (spoken, when audio is asked for) or one function call. */
export type ResponsePlan = { kind: 'text'; text: string } | { kind: 'function_call'; call: PlannedToolCall };

const RESPONSE_KEYS = new Set([
  'output_modalities',
  'instructions',
  'audio',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'conversation',
  'metadata',
  'prompt',
  'input',
  'reasoning',
]);

/** Validates the optional `response` of `response.create` and merges it over the session's settings. */
export function parseResponseParams(raw: unknown, session: RealtimeSessionState): ResponseParams {
  const params: ResponseParams = {
    outputModalities: session.outputModalities,
    instructions: session.instructions,
    tools: session.tools,
    toolChoice: session.toolChoice,
    maxOutputTokens: session.maxOutputTokens,
    conversation: 'auto',
    metadata: null,
    input: undefined,
    outputFormat: session.outputFormat,
    voice: session.voice,
  };
  if (raw === undefined) return params;
  const response = expectObject(raw, 'response');
  rejectUnknownKeys(response, RESPONSE_KEYS, 'response.');
  if (response.output_modalities !== undefined) {
    params.outputModalities = parseOutputModalities(response.output_modalities, 'response.output_modalities');
  }
  if (response.instructions !== undefined)
    params.instructions = expectString(response.instructions, 'response.instructions');
  if (response.tools !== undefined) params.tools = parseTools(response.tools, 'response.tools');
  if (response.tool_choice !== undefined)
    params.toolChoice = parseToolChoice(response.tool_choice, 'response.tool_choice');
  if (response.max_output_tokens !== undefined) {
    params.maxOutputTokens = parseMaxOutputTokens(response.max_output_tokens, 'response.max_output_tokens');
  }
  if (response.conversation !== undefined) {
    params.conversation = expectOneOf(response.conversation, 'response.conversation', ['auto', 'none']);
  }
  if (response.metadata !== undefined && response.metadata !== null) {
    params.metadata = expectObject(response.metadata, 'response.metadata');
    for (const [key, value] of Object.entries(params.metadata)) expectString(value, `response.metadata.${key}`);
  }
  if (response.input !== undefined) {
    params.input = expectArray(response.input, 'response.input').map((item, index) =>
      parseClientItem(item, `response.input[${index}]`, session.inputFormat),
    );
  }
  if (response.audio !== undefined) {
    const output = expectObject(expectObject(response.audio, 'response.audio').output ?? {}, 'response.audio.output');
    if (output.voice !== undefined) params.voice = parseVoice(output.voice, 'response.audio.output.voice');
    if (output.format !== undefined)
      params.outputFormat = parseAudioFormat(output.format, 'response.audio.output.format');
  }
  return params;
}

/**
 * Decides the answer from the latest turn: a tool's output is acknowledged in text; a user message either
 * triggers a function call (see `planToolCall`) or gets a deterministic text reply; no turn at all gets a greeting.
 */
export function planResponse(
  context: readonly ConversationEntry[],
  params: ResponseParams,
  seed: number,
): ResponsePlan {
  for (let index = context.length - 1; index >= 0; index--) {
    const { item, text } = context[index] as ConversationEntry;
    if (item.type === 'function_call_output') {
      const call = context.find((entry) => entry.item.type === 'function_call' && entry.item.call_id === item.call_id);
      return { kind: 'text', text: toolResultText((call?.item.name as string | undefined) ?? 'function', text) };
    }
    if (item.type === 'message' && item.role === 'user') {
      const call = planToolCall(params.tools, params.toolChoice, text);
      return call ? { kind: 'function_call', call } : { kind: 'text', text: replyText(text, seed) };
    }
  }
  return { kind: 'text', text: GREETING };
}
