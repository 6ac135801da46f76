import { estimateTokens, generateAnswerTokens, hashString, splitIntoTokens } from '../text-generator.js';
import { TRIGGERS } from '../triggers.js';
import type { ChatRequest } from './chat-request.js';
import { sampleFromSchema } from './schema-sample.js';

/** The finish reasons the real API uses for chat. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** One tool call, with its arguments pre-split into stream deltas. */
export interface PlannedToolCall {
  id: string;
  name: string;
  argumentTokens: string[];
}

/** What one choice says: text tokens, a refusal, or tool calls. */
export interface PlannedChoice {
  index: number;
  content: readonly string[] | null;
  refusal: readonly string[] | null;
  toolCalls: PlannedToolCall[];
  finishReason: FinishReason;
  completionTokens: number;
}

/** The whole answer, independent of wire format (streamed, non-streamed, batch, OpenAI or Azure). */
export interface ChatAnswer {
  choices: PlannedChoice[];
  promptTokens: number;
  completionTokens: number;
}

const REFUSAL = "I'm sorry, but I can't help with that request.";

/** Prompt tokens the way the real API counts them, roughly: per-message overhead + text + images + tool specs. */
export function countPromptTokens(request: ChatRequest): number {
  const toolTokens = request.tools.length > 0 ? estimateTokens(JSON.stringify(request.tools)) : 0;
  return 3 + request.messageCount * 4 + estimateTokens(request.promptText) + request.imageTokens + toolTokens;
}

/** Plans the answer deterministically from the request (and the default seed when the request has none). */
export function planChatAnswer(request: ChatRequest, defaultSeed: number): ChatAnswer {
  const seed = (request.seed ?? defaultSeed) + hashString(request.model);
  const promptTokens = countPromptTokens(request);
  const choices: PlannedChoice[] = [];
  let completionTokens = 0;
  for (let index = 0; index < request.n; index++) {
    const choice = planChoice(request, seed, index);
    completionTokens += choice.completionTokens;
    choices.push(choice);
  }
  return { choices, promptTokens, completionTokens };
}

function planChoice(request: ChatRequest, seed: number, index: number): PlannedChoice {
  const prompt = request.lastUserText;
  if (prompt.includes(TRIGGERS.refuse)) {
    const refusal = splitIntoTokens(REFUSAL);
    return { index, content: null, refusal, toolCalls: [], finishReason: 'stop', completionTokens: refusal.length };
  }
  if (shouldCallTools(request)) return planToolCalls(request, seed, index);
  let tokens: readonly string[];
  if (request.responseFormat.type === 'json_schema') {
    tokens = splitIntoTokens(JSON.stringify(sampleFromSchema(request.responseFormat.schema, seed + index)));
  } else if (request.responseFormat.type === 'json_object') {
    const words = generateAnswerTokens({ prompt, seed, index }).join('');
    tokens = splitIntoTokens(JSON.stringify({ answer: words }));
  } else {
    const imageNote =
      request.imageCount > 0 ? `I see ${request.imageCount} image${request.imageCount > 1 ? 's' : ''}. ` : '';
    tokens = generateAnswerTokens({ prompt: imageNote + prompt, seed, index });
  }
  let finishReason: FinishReason = 'stop';
  const stopAt = findStop(tokens, request.stop);
  if (stopAt !== undefined) tokens = tokens.slice(0, stopAt);
  if (prompt.includes(TRIGGERS.filterCompletion)) {
    tokens = tokens.slice(0, Math.max(1, Math.floor(tokens.length / 2)));
    finishReason = 'content_filter';
  }
  if (request.maxTokens !== undefined && tokens.length > request.maxTokens) {
    tokens = tokens.slice(0, request.maxTokens);
    finishReason = 'length';
  }
  return { index, content: tokens, refusal: null, toolCalls: [], finishReason, completionTokens: tokens.length };
}

function shouldCallTools(request: ChatRequest): boolean {
  if (request.tools.length === 0 || request.toolChoice === 'none') return false;
  if (request.toolChoice === 'required' || typeof request.toolChoice === 'object') return true;
  return !request.afterToolResult;
}

function planToolCalls(request: ChatRequest, seed: number, index: number): PlannedChoice {
  const { toolChoice } = request;
  const chosen =
    typeof toolChoice === 'object'
      ? request.tools.filter((tool) => tool.name === toolChoice.name)
      : request.parallelToolCalls
        ? request.tools.slice(0, 2)
        : request.tools.slice(0, 1);
  let completionTokens = 0;
  const toolCalls = chosen.map((tool, callIndex) => {
    const args = JSON.stringify(sampleFromSchema(tool.parameters, seed + index * 31 + callIndex));
    const argumentTokens = splitIntoTokens(args);
    completionTokens += argumentTokens.length + 4;
    const id = `call_${(hashString(`${tool.name}:${args}`, seed + index) >>> 0).toString(36).padStart(7, '0')}${callIndex}${index}`;
    return { id, name: tool.name, argumentTokens };
  });
  return { index, content: null, refusal: null, toolCalls, finishReason: 'tool_calls', completionTokens };
}

function findStop(tokens: readonly string[], stops: string[]): number | undefined {
  if (stops.length === 0) return undefined;
  let text = '';
  for (let i = 0; i < tokens.length; i++) {
    text += tokens[i];
    if (stops.some((stop) => stop !== '' && text.includes(stop))) return i;
  }
  return undefined;
}
