import type { Zod } from '@switchboard/core';
import type { z } from 'zod';
import { itemSchema, serverEvent, usageSchema } from './shared-schemas.js';

const previous = (z: Zod) => ({ previous_item_id: z.string().nullable().optional() });

/** `conversation.created`. */
export const conversationCreatedSchema = serverEvent('conversation.created', (z) => ({
  conversation: z.looseObject({ id: z.string().optional() }),
}));
/** `conversation.item.created` (kept for servers that still send it). */
export const conversationItemCreatedSchema = serverEvent('conversation.item.created', (z) => ({
  ...previous(z),
  item: itemSchema,
}));
/** `conversation.item.added`: an item joined the conversation. */
export const conversationItemAddedSchema = serverEvent('conversation.item.added', (z) => ({
  ...previous(z),
  item: itemSchema,
}));
/** `conversation.item.done`: an item is complete. */
export const conversationItemDoneSchema = serverEvent('conversation.item.done', (z) => ({
  ...previous(z),
  item: itemSchema,
}));
/** `conversation.item.retrieved`. */
export const conversationItemRetrievedSchema = serverEvent('conversation.item.retrieved', () => ({ item: itemSchema }));
/** `conversation.item.deleted`. */
export const conversationItemDeletedSchema = serverEvent('conversation.item.deleted', (z) => ({ item_id: z.string() }));
/** `conversation.item.truncated`. */
export const conversationItemTruncatedSchema = serverEvent('conversation.item.truncated', (z) => ({
  item_id: z.string(),
  content_index: z.number(),
  audio_end_ms: z.number(),
}));
/** `conversation.item.input_audio_transcription.delta`. */
export const inputTranscriptionDeltaSchema = serverEvent('conversation.item.input_audio_transcription.delta', (z) => ({
  item_id: z.string(),
  content_index: z.number().optional(),
  delta: z.string().optional(),
}));
/** `conversation.item.input_audio_transcription.completed`. */
export const inputTranscriptionCompletedSchema = serverEvent(
  'conversation.item.input_audio_transcription.completed',
  (z) => ({
    item_id: z.string(),
    content_index: z.number(),
    transcript: z.string(),
    usage: usageSchema.optional(),
  }),
);
/** `conversation.item.input_audio_transcription.segment`. */
export const inputTranscriptionSegmentSchema = serverEvent(
  'conversation.item.input_audio_transcription.segment',
  (z) => ({
    item_id: z.string(),
    content_index: z.number(),
    text: z.string(),
    id: z.string(),
    speaker: z.string(),
    start: z.number(),
    end: z.number(),
  }),
);
/** `conversation.item.input_audio_transcription.failed`. */
export const inputTranscriptionFailedSchema = serverEvent(
  'conversation.item.input_audio_transcription.failed',
  (z) => ({
    item_id: z.string(),
    content_index: z.number(),
    error: z.looseObject({
      type: z.string().optional(),
      code: z.string().nullable().optional(),
      message: z.string().optional(),
    }),
  }),
);

/** `conversation.created`. */
export type ConversationCreatedEvent = z.infer<typeof conversationCreatedSchema>;
/** `conversation.item.created`. */
export type ConversationItemCreatedEvent = z.infer<typeof conversationItemCreatedSchema>;
/** `conversation.item.added`. */
export type ConversationItemAddedEvent = z.infer<typeof conversationItemAddedSchema>;
/** `conversation.item.done`. */
export type ConversationItemDoneEvent = z.infer<typeof conversationItemDoneSchema>;
/** `conversation.item.retrieved`. */
export type ConversationItemRetrievedEvent = z.infer<typeof conversationItemRetrievedSchema>;
/** `conversation.item.deleted`. */
export type ConversationItemDeletedEvent = z.infer<typeof conversationItemDeletedSchema>;
/** `conversation.item.truncated`. */
export type ConversationItemTruncatedEvent = z.infer<typeof conversationItemTruncatedSchema>;
/** `conversation.item.input_audio_transcription.delta`. */
export type InputTranscriptionDeltaEvent = z.infer<typeof inputTranscriptionDeltaSchema>;
/** `conversation.item.input_audio_transcription.completed`. */
export type InputTranscriptionCompletedEvent = z.infer<typeof inputTranscriptionCompletedSchema>;
/** `conversation.item.input_audio_transcription.segment`. */
export type InputTranscriptionSegmentEvent = z.infer<typeof inputTranscriptionSegmentSchema>;
/** `conversation.item.input_audio_transcription.failed`. */
export type InputTranscriptionFailedEvent = z.infer<typeof inputTranscriptionFailedSchema>;
