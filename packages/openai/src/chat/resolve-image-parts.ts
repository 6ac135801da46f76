import type { ChatMessage, ChatRequest } from '@switchboard/core';
import { imageUrl } from './image-url.js';

/**
 * Returns the request with every image part that is a file path or bytes replaced by a data URL (files are read with
 * the signal), so the synchronous request mapping never touches the file system. Requests without images are
 * returned as they are.
 */
export async function resolveImageParts(request: ChatRequest, signal?: AbortSignal): Promise<ChatRequest> {
  const hasImages = request.messages.some(
    (message) =>
      message.role === 'user' && typeof message.content !== 'string' && message.content.some((p) => p.type === 'image'),
  );
  if (!hasImages) return request;
  const messages = await Promise.all(
    request.messages.map(async (message): Promise<ChatMessage> => {
      if (message.role !== 'user' || typeof message.content === 'string') return message;
      const content = await Promise.all(
        message.content.map(async (part) =>
          part.type === 'image' ? { ...part, image: await imageUrl(part.image, part.mimeType, signal) } : part,
        ),
      );
      return { ...message, content };
    }),
  );
  return { ...request, messages };
}
