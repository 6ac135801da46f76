import type { z } from 'zod';
import { serverEvent } from './shared-schemas.js';

/** `input_audio_buffer.committed`: the buffered audio became a user item. */
export const inputAudioCommittedSchema = serverEvent('input_audio_buffer.committed', (z) => ({
  previous_item_id: z.string().nullable().optional(),
  item_id: z.string(),
}));
/** `input_audio_buffer.cleared`. */
export const inputAudioClearedSchema = serverEvent('input_audio_buffer.cleared', () => ({}));
/** `input_audio_buffer.speech_started` (server voice activity detection). */
export const speechStartedSchema = serverEvent('input_audio_buffer.speech_started', (z) => ({
  audio_start_ms: z.number(),
  item_id: z.string(),
}));
/** `input_audio_buffer.speech_stopped`. */
export const speechStoppedSchema = serverEvent('input_audio_buffer.speech_stopped', (z) => ({
  audio_end_ms: z.number(),
  item_id: z.string(),
}));
/** `input_audio_buffer.timeout_triggered`. */
export const audioTimeoutTriggeredSchema = serverEvent('input_audio_buffer.timeout_triggered', (z) => ({
  audio_start_ms: z.number(),
  audio_end_ms: z.number(),
  item_id: z.string(),
}));
/** `input_audio_buffer.dtmf_event_received` (SIP calls). */
export const dtmfReceivedSchema = serverEvent('input_audio_buffer.dtmf_event_received', (z) => ({
  event: z.string(),
  received_at: z.number(),
}));
/** `output_audio_buffer.started` (WebRTC / SIP). */
export const outputAudioStartedSchema = serverEvent('output_audio_buffer.started', (z) => ({
  response_id: z.string(),
}));
/** `output_audio_buffer.stopped` (WebRTC / SIP). */
export const outputAudioStoppedSchema = serverEvent('output_audio_buffer.stopped', (z) => ({
  response_id: z.string(),
}));
/** `output_audio_buffer.cleared` (WebRTC / SIP). */
export const outputAudioClearedSchema = serverEvent('output_audio_buffer.cleared', (z) => ({
  response_id: z.string(),
}));

/** `input_audio_buffer.committed`. */
export type InputAudioCommittedEvent = z.infer<typeof inputAudioCommittedSchema>;
/** `input_audio_buffer.cleared`. */
export type InputAudioClearedEvent = z.infer<typeof inputAudioClearedSchema>;
/** `input_audio_buffer.speech_started`. */
export type SpeechStartedEvent = z.infer<typeof speechStartedSchema>;
/** `input_audio_buffer.speech_stopped`. */
export type SpeechStoppedEvent = z.infer<typeof speechStoppedSchema>;
/** `input_audio_buffer.timeout_triggered`. */
export type AudioTimeoutTriggeredEvent = z.infer<typeof audioTimeoutTriggeredSchema>;
/** `input_audio_buffer.dtmf_event_received`. */
export type DtmfReceivedEvent = z.infer<typeof dtmfReceivedSchema>;
/** `output_audio_buffer.started`. */
export type OutputAudioStartedEvent = z.infer<typeof outputAudioStartedSchema>;
/** `output_audio_buffer.stopped`. */
export type OutputAudioStoppedEvent = z.infer<typeof outputAudioStoppedSchema>;
/** `output_audio_buffer.cleared`. */
export type OutputAudioClearedEvent = z.infer<typeof outputAudioClearedSchema>;
