import type { AssistantMessage, ChatMessage, UserContentPart } from '@switchboard/core';
import { imageUrlSync } from '../chat/image-url.js';

/** One item of the Responses `input`, as sent. */
export type InputItem = Record<string, unknown>;

/** The Responses form of a conversation: leading system messages as `instructions`, the rest as input items. */
export interface ResponsesInput {
  /** The leading system messages, joined by blank lines; undefined when the conversation starts otherwise. */
  instructions: string | undefined;
  /** Messages, function calls and their outputs, and reasoning items carried back, in order. */
  input: InputItem[];
}

function mapUserPart(part: UserContentPart): InputItem {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  return { type: 'input_image', image_url: imageUrlSync(part.image, part.mimeType), detail: part.detail ?? 'auto' };
}

/** The reasoning items an assistant turn carries back (`providerMetadata[key].reasoningItems`), as sent. */
function reasoningItemsOf(message: AssistantMessage, providerKey: string): InputItem[] {
  const items = message.providerMetadata?.[providerKey]?.reasoningItems;
  if (!Array.isArray(items)) return [];
  return items.filter(
    (item): item is InputItem =>
      typeof item === 'object' && item !== null && (item as { type?: unknown }).type === 'reasoning',
  );
}

function mapAssistant(message: AssistantMessage, providerKey: string): InputItem[] {
  const items = reasoningItemsOf(message, providerKey);
  const text = message.content || message.refusal;
  if (text) items.push({ type: 'message', role: 'assistant', content: text });
  for (const call of message.toolCalls ?? []) {
    items.push({ type: 'function_call', call_id: call.id, name: call.name, arguments: call.arguments });
  }
  return items;
}

function mapMessage(message: ChatMessage, providerKey: string): InputItem[] {
  switch (message.role) {
    case 'system':
      return [{ type: 'message', role: 'developer', content: message.content }];
    case 'user':
      return [
        {
          type: 'message',
          role: 'user',
          content: typeof message.content === 'string' ? message.content : message.content.map(mapUserPart),
        },
      ];
    case 'assistant':
      return mapAssistant(message, providerKey);
    case 'tool':
      return [{ type: 'function_call_output', call_id: message.toolCallId, output: message.content }];
  }
}

/**
 * Maps neutral messages to the Responses API (images must be URLs, data URLs or bytes by now): the system messages
 * the conversation starts with become `instructions`; a later system message is a `developer` message; an assistant
 * turn becomes the reasoning items it carries back, its text as an assistant message and a `function_call` per tool
 * call; a tool message is a `function_call_output`. Participant `name`s have no Responses field and are left out.
 */
export function mapResponsesInput(messages: readonly ChatMessage[], providerKey: string): ResponsesInput {
  let start = 0;
  const leading: string[] = [];
  for (const message of messages) {
    if (message.role !== 'system') break;
    leading.push(message.content);
    start++;
  }
  return {
    instructions: leading.length > 0 ? leading.join('\n\n') : undefined,
    input: messages.slice(start).flatMap((message) => mapMessage(message, providerKey)),
  };
}
