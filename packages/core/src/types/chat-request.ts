/** Where an image comes from: an http(s) or data URL, a file path, raw bytes, or an explicit path object. */
export type ImageSource = string | URL | Uint8Array | ArrayBuffer | { path: string };

/** How much detail the model should see in an image; `auto` lets the provider decide. */
export type ImageDetail = 'low' | 'high' | 'auto';

/** A plain text part of a user message. */
export interface TextPart {
  /** Discriminator. */
  type: 'text';
  /** The text. */
  text: string;
}

/** An image part of a user message. */
export interface ImagePart {
  /** Discriminator. */
  type: 'image';
  /** The image: URL, data URL, file path or bytes. Bytes and paths are sent as data URLs. */
  image: ImageSource;
  /** The detail level the model should use. */
  detail?: ImageDetail;
  /** MIME type of the bytes when it cannot be sniffed (e.g. `image/png`). */
  mimeType?: string;
}

/** A part of a user message. */
export type UserContentPart = TextPart | ImagePart;

/** A function the model may call. */
export interface ToolDefinition {
  /** The function name the model uses to call it. */
  name: string;
  /** What the function does, shown to the model. */
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
  /** Ask the provider to follow the schema exactly (OpenAI structured outputs). */
  strict?: boolean;
}

/** Whether and which tool the model must call. */
export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'tool'; name: string };

/** A complete tool call made by the model. */
export interface ToolCall {
  /** The provider's id for the call, echoed back in the tool result. */
  id: string;
  /** The function name. */
  name: string;
  /** The arguments as the JSON text the model produced. */
  arguments: string;
}

/** The system prompt. */
export interface SystemMessage {
  /** Discriminator. */
  role: 'system';
  /** The instructions. */
  content: string;
  /** Optional participant name. */
  name?: string;
}

/** A message from the user: text or text and images. */
export interface UserMessage {
  /** Discriminator. */
  role: 'user';
  /** The text, or a list of text and image parts. */
  content: string | UserContentPart[];
  /** Optional participant name. */
  name?: string;
}

/** An earlier answer from the model, possibly with tool calls. */
export interface AssistantMessage {
  /** Discriminator. */
  role: 'assistant';
  /** The text of the answer; null or absent when it only called tools. */
  content?: string | null;
  /** Tool calls the model made in this turn. */
  toolCalls?: ToolCall[];
  /** A refusal the model gave instead of an answer. */
  refusal?: string | null;
  /** Optional participant name. */
  name?: string;
  /**
   * Provider data of the response this turn came from, keyed by provider name, sent back with it: copy the response's
   * `providerMetadata` here. The Responses API reads `providerMetadata[provider].reasoningItems` (the reasoning the
   * model did before this turn, which later turns need); other providers and Chat Completions ignore it.
   */
  providerMetadata?: Record<string, Record<string, unknown>>;
}

/** The result of a tool call, sent back to the model. */
export interface ToolMessage {
  /** Discriminator. */
  role: 'tool';
  /** The id of the tool call this answers. */
  toolCallId: string;
  /** The result, usually JSON text. */
  content: string;
}

/** One message of a conversation. */
export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** The shape the answer must take. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json' }
  | {
      type: 'json_schema';
      /** Name of the schema (letters, digits, `_` and `-`). */
      name: string;
      /** The JSON Schema the answer must follow. */
      schema: Record<string, unknown>;
      /** What the schema is for. */
      description?: string;
      /** Follow the schema exactly. Defaults to true. */
      strict?: boolean;
    };

/** How hard a reasoning model thinks before it answers. */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/** How the model summarises its reasoning: `auto` picks the most detailed summary the model has. */
export type ReasoningSummary = 'auto' | 'concise' | 'detailed';

/** How long and detailed the answer text should be. */
export type Verbosity = 'low' | 'medium' | 'high';

/** Reasoning controls of a request. */
export interface ReasoningOptions {
  /** The reasoning effort; the provider's default when absent. */
  effort?: ReasoningEffort;
  /** Ask for a summary of the reasoning (streamed as `reasoning-delta` events; Responses API). */
  summary?: ReasoningSummary;
}

/** Options only one provider understands, keyed by provider name (`openai`, `azure`). */
export type ProviderOptions = Record<string, Record<string, unknown>>;

/** A provider-neutral chat request. */
export interface ChatRequest {
  /** A logical model name; the provider maps it to a model id or an Azure deployment. */
  model: string;
  /** The conversation so far. */
  messages: ChatMessage[];
  /** Sampling temperature (0 to 2). */
  temperature?: number;
  /** Nucleus sampling probability mass. */
  topP?: number;
  /** Upper bound on generated tokens (sent as `max_completion_tokens`). */
  maxOutputTokens?: number;
  /** Up to four sequences where generation stops. */
  stop?: string | string[];
  /** Seed for best-effort deterministic sampling. */
  seed?: number;
  /** Penalty for tokens already present (-2 to 2). */
  presencePenalty?: number;
  /** Penalty proportional to token frequency (-2 to 2). */
  frequencyPenalty?: number;
  /** Tools the model may call. */
  tools?: ToolDefinition[];
  /** Whether and which tool the model must call. */
  toolChoice?: ToolChoice;
  /** Allow several tool calls in one turn. */
  parallelToolCalls?: boolean;
  /** The shape of the answer. */
  responseFormat?: ResponseFormat;
  /** Reasoning controls for reasoning models; the catalog says which efforts a model accepts. */
  reasoning?: ReasoningOptions;
  /** How long the answer should be (GPT-5 family). */
  verbosity?: Verbosity;
  /**
   * Reasoning effort for reasoning models.
   * @deprecated Use `reasoning: { effort }`; kept as an alias (`reasoning.effort` wins when both are set).
   */
  reasoningEffort?: ReasoningEffort;
  /** An end-user id for abuse monitoring. */
  user?: string;
  /** Provider-specific options, passed through untouched. */
  providerOptions?: ProviderOptions;
}
