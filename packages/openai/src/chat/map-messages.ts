import type { ChatMessage, UserContentPart } from '@switchboard/core';
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { imageUrlSync } from './image-url.js';

function mapUserPart(part: UserContentPart): ChatCompletionContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const url = imageUrlSync(part.image, part.mimeType);
  return { type: 'image_url', image_url: part.detail ? { url, detail: part.detail } : { url } };
}

function withName<T extends object>(message: T, name: string | undefined): T {
  return name ? { ...message, name } : message;
}

function mapMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
      return withName({ role: 'system', content: message.content }, message.name);
    case 'user':
      return withName(
        {
          role: 'user',
          content: typeof message.content === 'string' ? message.content : message.content.map(mapUserPart),
        },
        message.name,
      );
    case 'assistant': {
      const toolCalls = message.toolCalls ?? [];
      const mapped: ChatCompletionMessageParam = { role: 'assistant', content: message.content ?? null };
      if (toolCalls.length > 0) {
        mapped.tool_calls = toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        }));
      }
      if (message.refusal) mapped.refusal = message.refusal;
      return withName(mapped, message.name);
    }
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

/** Maps neutral messages to Chat Completions messages (images must be URLs, data URLs or bytes by now). */
export function mapMessages(messages: readonly ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map(mapMessage);
}
