import type { ToolCall } from './chat-request.js';
import type { RateLimitInfo, Usage } from './usage.js';

/** Why the model stopped. */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/** A tool call of a response, with its arguments parsed when they are valid JSON. */
export interface ResponseToolCall extends ToolCall {
  /** The parsed arguments, or undefined when the JSON text does not parse. */
  parsedArguments: unknown;
}

/** A provider-neutral chat response. */
export interface ChatResponse {
  /** The provider's response id. */
  id: string;
  /** The model that answered, as the provider reported it. */
  model: string;
  /** The text of the answer ('' when there is none). */
  text: string;
  /** Tool calls the model made. */
  toolCalls: ResponseToolCall[];
  /** The refusal text, when the model refused. */
  refusal: string | null;
  /** The reasoning summary, when the request asked for one and the model gave it. */
  reasoningSummary?: string;
  /** Why the model stopped. */
  finishReason: FinishReason;
  /** The provider's own finish reason, kept as sent. */
  rawFinishReason: string | null;
  /** Token usage, when the provider reported it. */
  usage?: Usage;
  /** Rate-limit state from the response headers. */
  rateLimit?: RateLimitInfo;
  /** The provider's request id (for support tickets). */
  requestId?: string;
  /** Provider-specific data keyed by provider name, e.g. Azure content-filter results. */
  providerMetadata?: Record<string, Record<string, unknown>>;
}
