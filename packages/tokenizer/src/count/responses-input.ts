import type {
  AssistantMessage,
  ChatMessage,
  ChatRequest,
  ImageDetail,
  ResponseFormat,
  ToolDefinition,
  UserContentPart,
} from '@switchboard/core';

/** A content part of a Responses API message, as sent on the wire. */
export type ResponsesContentPart =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url?: string | null; file_id?: string | null; detail?: ImageDetail }
  | { type: 'output_text'; text: string }
  | { type: 'refusal'; refusal: string }
  | { type: string; [key: string]: unknown };

/** An item of a Responses API `input`, as sent on the wire (the kinds that carry prompt text). */
export type ResponsesInputItem =
  | {
      type?: 'message';
      role: 'user' | 'system' | 'developer' | 'assistant';
      content: string | ResponsesContentPart[];
    }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string | ResponsesContentPart[] }
  | { type: string; [key: string]: unknown };

/** The prompt-side fields of a Responses API request body (`POST /v1/responses`), as the official SDK takes them. */
export interface ResponsesInput {
  /** The model. */
  model: string;
  /** The system (developer) instructions. */
  instructions?: string | null;
  /** The input: a text, or a list of items. */
  input: string | ResponsesInputItem[];
  /** Function tools (other tool types are not counted). */
  tools?: { type: string; name?: string; description?: string | null; parameters?: Record<string, unknown> | null }[];
  /** The output format (`text.format`), counted when it is a JSON schema. */
  text?: { format?: { type: string; name?: string; description?: string; schema?: Record<string, unknown> } };
  /** The output cap, priced by cost estimates. */
  max_output_tokens?: number | null;
}

/**
 * The chat request with the same prompt text as a Responses request, so Responses input is counted and priced the
 * way chat is: instructions become the system message, input items messages, function calls and their outputs
 * assistant tool calls and tool results. Items that carry no countable text (reasoning items, built-in tool calls)
 * are left out.
 */
export function responsesInputToChatRequest(request: ResponsesInput): ChatRequest {
  const messages: ChatMessage[] = [];
  if (request.instructions) messages.push({ role: 'system', content: request.instructions });
  const items = typeof request.input === 'string' ? [{ role: 'user' as const, content: request.input }] : request.input;
  for (const item of items) addItem(messages, item);
  const chat: ChatRequest = { model: request.model, messages };
  const tools = (request.tools ?? []).filter((tool) => tool.type === 'function' && tool.name).map(toToolDefinition);
  if (tools.length > 0) chat.tools = tools;
  const format = request.text?.format;
  if (format?.type === 'json_schema' && format.schema) {
    const responseFormat: ResponseFormat = {
      type: 'json_schema',
      name: format.name ?? 'response',
      schema: format.schema,
    };
    if (format.description) responseFormat.description = format.description;
    chat.responseFormat = responseFormat;
  } else if (format?.type === 'json_object') {
    chat.responseFormat = { type: 'json' };
  }
  if (typeof request.max_output_tokens === 'number') chat.maxOutputTokens = request.max_output_tokens;
  return chat;
}

function addItem(messages: ChatMessage[], item: ResponsesInputItem): void {
  if ('role' in item && (item.type === undefined || item.type === 'message')) {
    const role = item.role as string;
    const content = item.content as string | ResponsesContentPart[];
    if (role === 'assistant') {
      messages.push({ role: 'assistant', content: typeof content === 'string' ? content : outputText(content) });
    } else if (role === 'system' || role === 'developer') {
      messages.push({ role: 'system', content: typeof content === 'string' ? content : outputText(content) });
    } else {
      messages.push({ role: 'user', content: typeof content === 'string' ? content : userParts(content) });
    }
    return;
  }
  if (item.type === 'function_call') {
    const call = { id: String(item.call_id), name: String(item.name), arguments: String(item.arguments) };
    const last = messages.at(-1);
    // Consecutive calls are one assistant turn with several tool calls, as in chat.
    if (last?.role === 'assistant' && last.toolCalls && !last.content) last.toolCalls.push(call);
    else messages.push({ role: 'assistant', content: null, toolCalls: [call] } satisfies AssistantMessage);
    return;
  }
  if (item.type === 'function_call_output') {
    const output = item.output as string | ResponsesContentPart[];
    messages.push({
      role: 'tool',
      toolCallId: String(item.call_id),
      content: typeof output === 'string' ? output : outputText(output),
    });
  }
}

function userParts(parts: ResponsesContentPart[]): UserContentPart[] {
  const converted: UserContentPart[] = [];
  for (const part of parts) {
    if (part.type === 'input_text' || part.type === 'output_text') {
      converted.push({ type: 'text', text: String(part.text) });
    } else if (part.type === 'input_image' && typeof part.image_url === 'string') {
      converted.push({
        type: 'image',
        image: part.image_url,
        ...(part.detail ? { detail: part.detail as ImageDetail } : {}),
      });
    }
  }
  return converted;
}

function outputText(parts: ResponsesContentPart[]): string {
  return parts
    .map((part) => {
      const fields = part as Record<string, unknown>;
      if (typeof fields.text === 'string') return fields.text;
      return typeof fields.refusal === 'string' ? fields.refusal : '';
    })
    .join('');
}

function toToolDefinition(tool: NonNullable<ResponsesInput['tools']>[number]): ToolDefinition {
  const definition: ToolDefinition = { name: tool.name as string, parameters: tool.parameters ?? {} };
  if (tool.description) definition.description = tool.description;
  return definition;
}
