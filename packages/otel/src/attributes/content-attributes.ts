import type { Attributes } from '@opentelemetry/api';
import type { ChatMessage, ChatRequest, ChatResponse, UserContentPart } from '@switchboard/core';
import { GEN_AI } from './semconv.js';

/** A message part in the conventions' JSON shape for `gen_ai.input.messages` / `gen_ai.output.messages`. */
type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'tool_call'; id: string; name: string; arguments: string }
  | { type: 'tool_call_response'; id: string; response: string }
  | { type: 'uri'; modality: 'image'; uri: string }
  | { type: 'blob'; modality: 'image'; mime_type?: string };

interface ConventionMessage {
  role: string;
  parts: MessagePart[];
  finish_reason?: string;
}

/**
 * The prompt as span attributes (only with `captureContent`): system messages as `gen_ai.system_instructions`, the
 * rest as `gen_ai.input.messages`, both JSON in the conventions' shape. Image bytes and data URLs are left out (a
 * blob part without content stands in for them): a trace is no place for megabytes of base64.
 */
export function inputContentAttributes(request: ChatRequest): Attributes {
  const system = request.messages.filter((m) => m.role === 'system');
  const rest = request.messages.filter((m) => m.role !== 'system');
  const attributes: Attributes = { [GEN_AI.inputMessages]: JSON.stringify(rest.map(toConventionMessage)) };
  if (system.length > 0) {
    attributes[GEN_AI.systemInstructions] = JSON.stringify(
      system.map((m) => ({ type: 'text', content: typeof m.content === 'string' ? m.content : '' })),
    );
  }
  return attributes;
}

/** The parts of an answer that content capture records. */
export type AnswerContent = Pick<ChatResponse, 'text' | 'refusal' | 'rawFinishReason'> & {
  toolCalls: readonly { id: string; name: string; arguments: string }[];
};

/** The answer as a span attribute (only with `captureContent`). */
export function outputContentAttributes(response: AnswerContent): Attributes {
  const parts: MessagePart[] = [];
  if (response.text) parts.push({ type: 'text', content: response.text });
  if (response.refusal) parts.push({ type: 'text', content: response.refusal });
  for (const call of response.toolCalls) {
    parts.push({ type: 'tool_call', id: call.id, name: call.name, arguments: call.arguments });
  }
  const message: ConventionMessage = { role: 'assistant', parts, finish_reason: response.rawFinishReason ?? 'stop' };
  return { [GEN_AI.outputMessages]: JSON.stringify([message]) };
}

function toConventionMessage(message: ChatMessage): ConventionMessage {
  switch (message.role) {
    case 'user':
      return {
        role: 'user',
        parts:
          typeof message.content === 'string'
            ? [{ type: 'text', content: message.content }]
            : message.content.map(toConventionPart),
      };
    case 'assistant': {
      const parts: MessagePart[] = [];
      if (message.content) parts.push({ type: 'text', content: message.content });
      for (const call of message.toolCalls ?? []) {
        parts.push({ type: 'tool_call', id: call.id, name: call.name, arguments: call.arguments });
      }
      return { role: 'assistant', parts };
    }
    case 'tool':
      return {
        role: 'tool',
        parts: [{ type: 'tool_call_response', id: message.toolCallId, response: message.content }],
      };
    case 'system':
      return { role: 'system', parts: [{ type: 'text', content: message.content }] };
  }
}

function toConventionPart(part: UserContentPart): MessagePart {
  if (part.type === 'text') return { type: 'text', content: part.text };
  const image = part.image;
  if ((typeof image === 'string' && /^https?:/i.test(image)) || (image instanceof URL && image.protocol !== 'data:')) {
    return { type: 'uri', modality: 'image', uri: String(image) };
  }
  return { type: 'blob', modality: 'image', ...(part.mimeType ? { mime_type: part.mimeType } : {}) };
}
