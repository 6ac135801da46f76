import type { z } from 'zod';
import { contentPartSchema, itemRef, itemSchema, partRef, responseSchema, serverEvent } from './shared-schemas.js';

/** `response.created`: a response started. */
export const responseCreatedSchema = serverEvent('response.created', () => ({ response: responseSchema }));
/** `response.done`: a response ended (completed, cancelled, incomplete or failed). */
export const responseDoneSchema = serverEvent('response.done', () => ({ response: responseSchema }));
/** `response.output_item.added`. */
export const outputItemAddedSchema = serverEvent('response.output_item.added', (z) => ({
  response_id: z.string(),
  output_index: z.number(),
  item: itemSchema,
}));
/** `response.output_item.done`. */
export const outputItemDoneSchema = serverEvent('response.output_item.done', (z) => ({
  response_id: z.string(),
  output_index: z.number(),
  item: itemSchema,
}));
/** `response.content_part.added`. */
export const contentPartAddedSchema = serverEvent('response.content_part.added', (z) => ({
  ...partRef(z),
  part: contentPartSchema,
}));
/** `response.content_part.done`. */
export const contentPartDoneSchema = serverEvent('response.content_part.done', (z) => ({
  ...partRef(z),
  part: contentPartSchema,
}));
/** `response.output_text.delta`: a piece of text output. */
export const outputTextDeltaSchema = serverEvent('response.output_text.delta', (z) => ({
  ...partRef(z),
  delta: z.string(),
}));
/** `response.output_text.done`: the whole text of a content part. */
export const outputTextDoneSchema = serverEvent('response.output_text.done', (z) => ({
  ...partRef(z),
  text: z.string(),
}));
/** `response.output_audio.delta`: base64 audio. */
export const outputAudioDeltaSchema = serverEvent('response.output_audio.delta', (z) => ({
  ...partRef(z),
  delta: z.string(),
}));
/** `response.output_audio.done`. */
export const outputAudioDoneSchema = serverEvent('response.output_audio.done', (z) => ({ ...partRef(z) }));
/** `response.output_audio_transcript.delta`: a piece of the spoken text. */
export const outputTranscriptDeltaSchema = serverEvent('response.output_audio_transcript.delta', (z) => ({
  ...partRef(z),
  delta: z.string(),
}));
/** `response.output_audio_transcript.done`. */
export const outputTranscriptDoneSchema = serverEvent('response.output_audio_transcript.done', (z) => ({
  ...partRef(z),
  transcript: z.string(),
}));
/** `response.function_call_arguments.delta`. */
export const functionCallArgumentsDeltaSchema = serverEvent('response.function_call_arguments.delta', (z) => ({
  ...itemRef(z),
  call_id: z.string(),
  delta: z.string(),
}));
/** `response.function_call_arguments.done`. */
export const functionCallArgumentsDoneSchema = serverEvent('response.function_call_arguments.done', (z) => ({
  ...itemRef(z),
  call_id: z.string(),
  name: z.string().optional(),
  arguments: z.string(),
}));

/** `response.created`. */
export type ResponseCreatedEvent = z.infer<typeof responseCreatedSchema>;
/** `response.done`. */
export type ResponseDoneEvent = z.infer<typeof responseDoneSchema>;
/** `response.output_item.added`. */
export type OutputItemAddedEvent = z.infer<typeof outputItemAddedSchema>;
/** `response.output_item.done`. */
export type OutputItemDoneEvent = z.infer<typeof outputItemDoneSchema>;
/** `response.content_part.added`. */
export type ContentPartAddedEvent = z.infer<typeof contentPartAddedSchema>;
/** `response.content_part.done`. */
export type ContentPartDoneEvent = z.infer<typeof contentPartDoneSchema>;
/** `response.output_text.delta`. */
export type OutputTextDeltaEvent = z.infer<typeof outputTextDeltaSchema>;
/** `response.output_text.done`. */
export type OutputTextDoneEvent = z.infer<typeof outputTextDoneSchema>;
/** `response.output_audio.delta`. */
export type OutputAudioDeltaEvent = z.infer<typeof outputAudioDeltaSchema>;
/** `response.output_audio.done`. */
export type OutputAudioDoneEvent = z.infer<typeof outputAudioDoneSchema>;
/** `response.output_audio_transcript.delta`. */
export type OutputTranscriptDeltaEvent = z.infer<typeof outputTranscriptDeltaSchema>;
/** `response.output_audio_transcript.done`. */
export type OutputTranscriptDoneEvent = z.infer<typeof outputTranscriptDoneSchema>;
/** `response.function_call_arguments.delta`. */
export type FunctionCallArgumentsDeltaEvent = z.infer<typeof functionCallArgumentsDeltaSchema>;
/** `response.function_call_arguments.done`. */
export type FunctionCallArgumentsDoneEvent = z.infer<typeof functionCallArgumentsDoneSchema>;
