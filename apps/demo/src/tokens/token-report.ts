import { type ChatRequest, modelCatalog } from '@switchboard/core';
import {
  type CostEstimate,
  countChatTokens,
  countTokens,
  estimateCost,
  resolveModelEncoding,
} from '@switchboard/tokenizer';

/** What a text costs before it is sent: tokens, share of the context window, and the price at list prices. */
export interface TokenReport {
  /** The model counted for. */
  model: string;
  /** Its encoding. */
  encoding: string;
  /** False when the model is unknown to the catalog (counted with o200k_base, no price). */
  knownModel: boolean;
  /** Tokens of the bare text. */
  textTokens: number;
  /** Prompt tokens of the text sent as one user message (the chat format adds a few). */
  promptTokens: number;
  /** Whether the prompt count follows a formula OpenAI published for this model. */
  exact: boolean;
  /** The model's context window. */
  contextWindow: number;
  /** Output tokens priced as the most the answer may take. */
  maxOutputTokens: number;
  /** Price of the prompt plus at most `maxOutputTokens` of answer. */
  cost: CostEstimate;
  /** The same through the Batch API. */
  batchCost: CostEstimate;
}

/** Counts `text` for `model` as the service will see it and prices it before anything is sent. */
export function tokenReport(text: string, model: string, maxOutputTokens: number): TokenReport {
  const request: ChatRequest = { model, messages: [{ role: 'user', content: text }], maxOutputTokens };
  const counted = countChatTokens(request);
  const info = modelCatalog.get(model);
  return {
    model,
    encoding: resolveModelEncoding(model).encoding,
    knownModel: !info.unknown,
    textTokens: countTokens(text, { model }),
    promptTokens: counted.total,
    exact: counted.exact,
    contextWindow: info.contextWindow,
    maxOutputTokens,
    cost: estimateCost(request),
    batchCost: estimateCost(request, { batch: true }),
  };
}

/** US dollars with enough digits for the tiny sums of single calls. */
export function formatUsd(value: number): string {
  return `$${value < 0.01 ? value.toFixed(6) : value.toFixed(4)}`;
}

/** A whole number with thousands separators. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
