import type { ChatMessage, ChatRequest } from '@switchboard/core';
import { countChatTokens, estimateCost, fitToContext } from '@switchboard/tokenizer';
import { DEMO_MODELS } from '../commands/command.js';
import { formatCount, formatUsd } from '../tokens/token-report.js';
import type { Scene } from './scene.js';

/**
 * Counts a request's tokens and prices it for two models before anything is sent, sends it and compares with what
 * the service reports, then fits a long conversation into a small context window.
 */
export const tokensScene: Scene = {
  title: 'Token counts and cost before sending (tokenizer)',
  async run({ demo, output, signal }) {
    const request: ChatRequest = {
      model: DEMO_MODELS.chat,
      messages: [
        { role: 'system', content: 'You are a museum guide for the history of telephony. Answer in two sentences.' },
        { role: 'user', content: 'How did an operator connect two callers on a manual switchboard?' },
      ],
      maxOutputTokens: 150,
    };
    const estimates = [DEMO_MODELS.chat, DEMO_MODELS.nano].map((model) => {
      const counted = countChatTokens(request, { model });
      const cost = estimateCost(request, { model });
      output.detail(
        model,
        `${counted.total} prompt tokens (${counted.encoding}); at most ${formatUsd(cost.totalUsd)} with ${request.maxOutputTokens} output tokens, ${formatUsd(estimateCost(request, { model, batch: true }).totalUsd)} by the Batch API`,
      );
      return { model, promptTokens: counted.total, maxCostUsd: cost.totalUsd };
    });
    const response = await demo.provider.chat(request, { signal });
    const usage = response.usage;
    const actual = usage ? estimateCost(usage, { model: request.model }).totalUsd : 0;
    output.detail(
      'sent',
      `${request.model} reported ${usage?.inputTokens ?? '?'} prompt + ${usage?.outputTokens ?? '?'} answer tokens = ${formatUsd(actual)}${demo.offline ? ' (the mock server counts roughly, 4 characters a token)' : ''}`,
    );
    const fitted = fitLongConversation();
    output.detail(
      'fitting',
      `a ${fitted.messages}-message conversation of ${formatCount(fitted.tokensBefore)} tokens into a ${fitted.contextWindow}-token window (${fitted.reserved} kept for the answer): ${fitted.dropped} oldest dropped, ${fitted.truncated} shortened, ${formatCount(fitted.tokens)} tokens left`,
    );
    return { estimates, usage, actualCostUsd: actual, fitted };
  },
};

function fitLongConversation() {
  const history: ChatMessage[] = [];
  for (let turn = 1; turn <= 20; turn++) {
    history.push({
      role: 'user',
      content: `Question ${turn}: tell me one more fact about switchboard number ${turn}.`,
    });
    history.push({
      role: 'assistant',
      content: `Fact ${turn}: switchboard ${turn} had ${turn * 10} lines and ${turn + 2} operators on the night shift.`,
    });
  }
  const request: ChatRequest = {
    model: DEMO_MODELS.chat,
    messages: [
      { role: 'system', content: 'You are a helpful operator.' },
      ...history,
      { role: 'user', content: 'Which switchboard had the most lines?' },
    ],
  };
  const contextWindow = 400;
  const reserved = 100;
  const fit = fitToContext(request, { contextWindow, reserveOutputTokens: reserved });
  return {
    messages: request.messages.length,
    tokensBefore: fit.tokensBefore,
    tokens: fit.tokens,
    contextWindow,
    reserved,
    dropped: fit.removed.filter((removed) => removed.action === 'dropped').length,
    truncated: fit.removed.filter((removed) => removed.action === 'truncated').length,
  };
}
