import { realtimeId } from '../../vocabulary/ids.js';
import type { JsonObject } from '../../vocabulary/json.js';
import { syntheticTranscript } from '../replies/reply-text.js';
import { audioDurationMs, type RealtimeAudioFormat } from './audio.js';
import { RealtimeClientEventError } from './errors.js';
import { expectArray, expectObject, expectOneOf, expectString, required } from './validate.js';

/** A conversation item in the GA wire shape, plus what the mock model "understood" from it. */
export interface ConversationEntry {
  item: JsonObject;
  /** The text the mock answers to: typed text, a transcript, a tool output. */
  text: string;
  /** Milliseconds of audio the item carried (for usage numbers). */
  audioMs: number;
}

const CONTENT_TYPES = {
  user: ['input_text', 'input_audio', 'input_image'],
  system: ['input_text'],
  assistant: ['output_text', 'output_audio'],
} as const;

/**
 * Validates an item from `conversation.item.create` (or a response's `input`) and returns it in the shape the
 * server echoes: with an `id`, `object: 'realtime.item'` and `status: 'completed'`. Audio payloads are counted,
 * not echoed, as the real service does.
 */
export function parseClientItem(raw: unknown, param: string, inputFormat: RealtimeAudioFormat): ConversationEntry {
  const source = expectObject(raw, param);
  const type = expectOneOf(required(source, 'type', `${param}.`), `${param}.type`, [
    'message',
    'function_call',
    'function_call_output',
  ]);
  const id = source.id === undefined ? realtimeId('item') : expectString(source.id, `${param}.id`);
  const base = { id, object: 'realtime.item', type, status: 'completed' };
  if (type === 'function_call') {
    const name = expectString(required(source, 'name', `${param}.`), `${param}.name`);
    const args = source.arguments === undefined ? '{}' : expectString(source.arguments, `${param}.arguments`);
    const callId = source.call_id === undefined ? realtimeId('call') : expectString(source.call_id, `${param}.call_id`);
    return { item: { ...base, call_id: callId, name, arguments: args }, text: '', audioMs: 0 };
  }
  if (type === 'function_call_output') {
    const callId = expectString(required(source, 'call_id', `${param}.`), `${param}.call_id`);
    const output = expectString(required(source, 'output', `${param}.`), `${param}.output`);
    return { item: { ...base, call_id: callId, output }, text: output, audioMs: 0 };
  }
  const role = expectOneOf(required(source, 'role', `${param}.`), `${param}.role`, ['user', 'system', 'assistant']);
  const parts = expectArray(required(source, 'content', `${param}.`), `${param}.content`);
  const texts: string[] = [];
  let audioBytes = 0;
  const content = parts.map((rawPart, index) => {
    const where = `${param}.content[${index}]`;
    const part = expectObject(rawPart, where);
    const partType = expectOneOf(required(part, 'type', `${where}.`), `${where}.type`, CONTENT_TYPES[role]);
    if (partType === 'input_text' || partType === 'output_text') {
      const text = expectString(required(part, 'text', `${where}.`), `${where}.text`);
      texts.push(text);
      return { type: partType, text };
    }
    if (partType === 'input_image') {
      return {
        type: partType,
        image_url: expectString(required(part, 'image_url', `${where}.`), `${where}.image_url`),
      };
    }
    const echoed: JsonObject = { type: partType };
    const bytes = part.audio === undefined ? 0 : decodeBase64Audio(part.audio, `${where}.audio`).length;
    audioBytes += bytes;
    if (part.transcript !== undefined) {
      echoed.transcript = expectString(part.transcript, `${where}.transcript`);
      texts.push(echoed.transcript as string);
    } else if (bytes > 0) {
      texts.push(syntheticTranscript(bytes, inputFormat));
    }
    return echoed;
  });
  return { item: { ...base, role, content }, text: texts.join(' '), audioMs: audioDurationMs(audioBytes, inputFormat) };
}

/** Decodes base64 audio, rejecting text that is not base64 the way the real service does. */
export function decodeBase64Audio(value: unknown, param: string): Buffer {
  const text = expectString(value, param);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw new RealtimeClientEventError(
      `Invalid '${param}'. Expected base64-encoded audio bytes.`,
      'invalid_value',
      param,
    );
  }
  return Buffer.from(text, 'base64');
}
