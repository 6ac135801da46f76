import type { CallOptions } from '../types/call-options.js';
import type { ChatMessage } from '../types/chat-request.js';
import type { Provider } from '../types/provider.js';

/** The model `ask` uses when none is given: the cheapest current chat model. */
export const DEFAULT_ASK_MODEL = 'gpt-5-nano';

/** Options of `ask`. */
export interface AskOptions extends CallOptions {
  /** The model; defaults to a nano model. */
  model?: string;
  /** A system prompt. */
  system?: string;
  /** Upper bound on the answer's tokens. */
  maxOutputTokens?: number;
}

/** Asks one question and returns the answer text. */
export async function ask(provider: Provider, question: string, options: AskOptions = {}): Promise<string> {
  const { model = DEFAULT_ASK_MODEL, system, maxOutputTokens, ...callOptions } = options;
  const messages: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
  messages.push({ role: 'user', content: question });
  const response = await provider.chat(
    { model, messages, ...(maxOutputTokens ? { maxOutputTokens } : {}) },
    callOptions,
  );
  return response.text;
}
