import { isJsonObject, type JsonObject } from '../../vocabulary/json.js';
import { isAudioFormat, normalizeAudioFormat, type RealtimeAudioFormat } from './audio.js';
import { invalidValue, RealtimeClientEventError } from './errors.js';
import {
  checkFields,
  expectArray,
  expectInteger,
  expectObject,
  expectOneOf,
  expectString,
  required,
} from './validate.js';

/** One output modality of a GA session or response. */
export type OutputModality = 'text' | 'audio';

const MODALITY_SETS = ["['text']", "['audio']"];
const TOOL_CHOICES = ['none', 'auto', 'required'] as const;
const AUDIO_FORMATS = ['audio/pcm', 'audio/pcmu', 'audio/pcma'];
const TURN_DETECTION = 'session.audio.input.turn_detection';

/** Parses `output_modalities`: the GA API takes exactly one of `text` or `audio`. */
export function parseOutputModalities(value: unknown, param: string): OutputModality[] {
  const list = expectArray(value, param);
  const modalities = list.map((entry, index) => expectOneOf(entry, `${param}[${index}]`, ['text', 'audio'] as const));
  if (modalities.length !== 1) {
    throw new RealtimeClientEventError(
      `Invalid modalities: ${JSON.stringify(modalities)}. Supported combinations are: ${MODALITY_SETS.join(' and ')}.`,
      'invalid_value',
      param,
    );
  }
  return modalities;
}

/** Parses a `tools` array of function tools (`name`, `description`, `parameters`) and MCP tools (`server_label`). */
export function parseTools(value: unknown, param: string): JsonObject[] {
  return expectArray(value, param).map((entry, index) => {
    const where = `${param}[${index}]`;
    const tool = expectObject(entry, where);
    const type = expectOneOf(required(tool, 'type', `${where}.`), `${where}.type`, ['function', 'mcp']);
    // MCP tools have many options the mock never uses; only what identifies them is checked.
    if (type === 'mcp') expectString(required(tool, 'server_label', `${where}.`), `${where}.server_label`);
    else checkFields(tool, where, { type: 'string', name: 'string', description: 'string', parameters: 'object' });
    if (type === 'function') expectString(required(tool, 'name', `${where}.`), `${where}.name`);
    return tool;
  });
}

/** Parses `tool_choice`: `none` / `auto` / `required`, `{ type: 'function', name }` or `{ type: 'mcp', server_label }`. */
export function parseToolChoice(value: unknown, param: string): string | JsonObject {
  if (typeof value === 'string') return expectOneOf(value, param, TOOL_CHOICES);
  const choice = expectObject(value, param);
  const type = expectOneOf(required(choice, 'type', `${param}.`), `${param}.type`, ['function', 'mcp']);
  if (type === 'function') {
    checkFields(choice, param, { type: 'string', name: 'string' });
    required(choice, 'name', `${param}.`);
  } else {
    checkFields(choice, param, { type: 'string', server_label: 'string', name: 'string?' });
    required(choice, 'server_label', `${param}.`);
  }
  return choice;
}

/** Parses `max_output_tokens`: an integer from 1 to 4096, or `inf`. */
export function parseMaxOutputTokens(value: unknown, param: string): number | 'inf' {
  if (value === 'inf') return 'inf';
  const tokens = expectInteger(value, param);
  if (tokens < 1 || tokens > 4096) {
    throw new RealtimeClientEventError(
      `Invalid '${param}': integer must be between 1 and 4096 or 'inf'.`,
      'integer_out_of_range',
      param,
    );
  }
  return tokens;
}

/** Parses an audio format object (`{ type: 'audio/pcm', rate: 24000 }`, `audio/pcmu`, `audio/pcma`). */
export function parseAudioFormat(value: unknown, param: string): RealtimeAudioFormat {
  const format = expectObject(value, param);
  if (!isAudioFormat(format)) throw invalidValue(`${param}.type`, format.type, AUDIO_FORMATS);
  return normalizeAudioFormat(format);
}

/** Parses a voice: a name, or a custom voice `{ id }` (reported by its id). */
export function parseVoice(value: unknown, param: string): string {
  if (isJsonObject(value)) return expectString(required(value, 'id', `${param}.`), `${param}.id`);
  return expectString(value, param);
}

/** Parses `audio.input.transcription` (null turns it off). */
export function parseTranscription(value: unknown): JsonObject | null {
  if (value === null) return null;
  const param = 'session.audio.input.transcription';
  return checkFields(expectObject(value, param), param, {
    model: 'string',
    language: 'string',
    languages: 'string[]',
    keywords: 'string[]',
    prompt: 'string',
    delay: ['minimal', 'low', 'medium', 'high', 'xhigh'],
  });
}

/** Parses `audio.input.noise_reduction` (null turns it off). */
export function parseNoiseReduction(value: unknown): JsonObject | null {
  if (value === null) return null;
  const param = 'session.audio.input.noise_reduction';
  return checkFields(expectObject(value, param), param, { type: ['near_field', 'far_field'] });
}

/** Parses `audio.input.turn_detection`: server VAD, semantic VAD, or null. */
export function parseTurnDetection(value: unknown): JsonObject | null {
  if (value === null) return null;
  const detection = expectObject(value, TURN_DETECTION);
  const type = expectOneOf(required(detection, 'type', `${TURN_DETECTION}.`), `${TURN_DETECTION}.type`, [
    'server_vad',
    'semantic_vad',
  ]);
  const shared = { type: 'string', create_response: 'boolean', interrupt_response: 'boolean' } as const;
  if (type === 'semantic_vad') {
    return checkFields(detection, TURN_DETECTION, { ...shared, eagerness: ['low', 'medium', 'high', 'auto'] });
  }
  checkFields(detection, TURN_DETECTION, {
    ...shared,
    threshold: 'number',
    prefix_padding_ms: 'integer',
    silence_duration_ms: 'integer',
    idle_timeout_ms: 'integer?',
  });
  const idle = detection.idle_timeout_ms;
  if (typeof idle === 'number' && (idle < 5000 || idle > 30000)) {
    throw new RealtimeClientEventError(
      `Invalid '${TURN_DETECTION}.idle_timeout_ms': integer must be between 5000 and 30000.`,
      'integer_out_of_range',
      `${TURN_DETECTION}.idle_timeout_ms`,
    );
  }
  return detection;
}

/** Parses `audio.output.speed`: 0.25 to 1.5. */
export function parseSpeed(value: unknown): number {
  if (typeof value !== 'number' || value < 0.25 || value > 1.5) {
    throw new RealtimeClientEventError(
      "Invalid 'session.audio.output.speed': number must be between 0.25 and 1.5.",
      'decimal_out_of_range',
      'session.audio.output.speed',
    );
  }
  return value;
}

/** Parses `tracing`: null, `auto`, or `{ workflow_name, group_id, metadata }`. */
export function parseTracing(value: unknown): string | JsonObject | null {
  if (value === null) return null;
  if (isJsonObject(value)) {
    return checkFields(value, 'session.tracing', { workflow_name: 'string', group_id: 'string', metadata: 'object' });
  }
  return expectOneOf(value, 'session.tracing', ['auto']);
}

/** Parses `truncation`: `auto`, `disabled` or a retention ratio between 0 and 1. */
export function parseTruncation(value: unknown): string | JsonObject {
  if (!isJsonObject(value)) return expectOneOf(value, 'session.truncation', ['auto', 'disabled']);
  const param = 'session.truncation';
  checkFields(value, param, { type: ['retention_ratio'], retention_ratio: 'number', token_limits: 'object' });
  required(value, 'type', `${param}.`);
  const ratio = required(value, 'retention_ratio', `${param}.`) as number;
  if (ratio < 0 || ratio > 1) {
    throw new RealtimeClientEventError(
      `Invalid '${param}.retention_ratio': number must be between 0 and 1.`,
      'decimal_out_of_range',
      `${param}.retention_ratio`,
    );
  }
  return value;
}

/** Parses `include` (null clears it). */
export function parseInclude(value: unknown): string[] | null {
  if (value === null) return null;
  return expectArray(value, 'session.include').map((entry, index) =>
    expectOneOf(entry, `session.include[${index}]`, ['item.input_audio_transcription.logprobs']),
  );
}

/** Parses a prompt reference `{ id, version, variables }` (null clears it). */
export function parsePrompt(value: unknown): JsonObject | null {
  if (value === null) return null;
  const prompt = checkFields(expectObject(value, 'session.prompt'), 'session.prompt', {
    id: 'string',
    version: 'string?',
    variables: 'object',
  });
  required(prompt, 'id', 'session.prompt.');
  return prompt;
}
