import { realtimeId } from '../../vocabulary/ids.js';
import type { JsonObject } from '../../vocabulary/json.js';
import { PCM16_24KHZ, type RealtimeAudioFormat } from './audio.js';
import { RealtimeClientEventError } from './errors.js';
import {
  type OutputModality,
  parseAudioFormat,
  parseInclude,
  parseMaxOutputTokens,
  parseNoiseReduction,
  parseOutputModalities,
  parsePrompt,
  parseSpeed,
  parseToolChoice,
  parseTools,
  parseTracing,
  parseTranscription,
  parseTruncation,
  parseTurnDetection,
  parseVoice,
} from './session-fields.js';
import { expectObject, expectOneOf, expectString, rejectUnknownKeys, required } from './validate.js';

export type { OutputModality };

/** The server's view of a session: what `session.created` / `session.updated` report. */
export interface RealtimeSessionState {
  id: string;
  model: string;
  expiresAt: number;
  outputModalities: OutputModality[];
  instructions: string;
  inputFormat: RealtimeAudioFormat;
  transcription: JsonObject | null;
  noiseReduction: JsonObject | null;
  turnDetection: JsonObject | null;
  outputFormat: RealtimeAudioFormat;
  voice: string;
  speed: number;
  tools: JsonObject[];
  toolChoice: string | JsonObject;
  maxOutputTokens: number | 'inf';
  tracing: string | JsonObject | null;
  truncation: string | JsonObject;
  include: string[] | null;
  prompt: JsonObject | null;
}

/** Sessions last an hour on the real service. */
const SESSION_LIFETIME_SECONDS = 3600;
const DEFAULT_INSTRUCTIONS = 'You are a helpful, concise assistant. This is the Switchboard mock Realtime server.';
const SESSION_KEYS = new Set([
  'type',
  'model',
  'output_modalities',
  'instructions',
  'audio',
  'include',
  'tracing',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'truncation',
  'prompt',
  'reasoning',
]);

/**
 * A new session as the real service opens it (audio out, PCM16 at 24 kHz both ways). Turn detection is off
 * because the mock has no voice activity detection: audio becomes a user turn only on `input_audio_buffer.commit`.
 */
export function createSession(model: string): RealtimeSessionState {
  return {
    id: realtimeId('sess'),
    model,
    expiresAt: Math.floor(Date.now() / 1000) + SESSION_LIFETIME_SECONDS,
    outputModalities: ['audio'],
    instructions: DEFAULT_INSTRUCTIONS,
    inputFormat: PCM16_24KHZ,
    transcription: null,
    noiseReduction: null,
    turnDetection: null,
    outputFormat: PCM16_24KHZ,
    voice: 'alloy',
    speed: 1,
    tools: [],
    toolChoice: 'auto',
    maxOutputTokens: 'inf',
    tracing: null,
    truncation: 'auto',
    include: null,
    prompt: null,
  };
}

/**
 * The session object of `session.created` / `session.updated`. Fields that are unset are left out rather than
 * sent as `null` where the published schema does not allow `null` (the live service sends `null` there).
 */
export function sessionToWire(session: RealtimeSessionState): JsonObject {
  const input: JsonObject = { format: session.inputFormat, turn_detection: session.turnDetection };
  if (session.transcription) input.transcription = session.transcription;
  if (session.noiseReduction) input.noise_reduction = session.noiseReduction;
  const wire: JsonObject = {
    type: 'realtime',
    object: 'realtime.session',
    id: session.id,
    model: session.model,
    output_modalities: session.outputModalities,
    instructions: session.instructions,
    expires_at: session.expiresAt,
    audio: { input, output: { format: session.outputFormat, voice: session.voice, speed: session.speed } },
    tools: session.tools,
    tool_choice: session.toolChoice,
    max_output_tokens: session.maxOutputTokens,
    tracing: session.tracing,
    truncation: session.truncation,
  };
  if (session.include) wire.include = session.include;
  if (session.prompt) wire.prompt = session.prompt;
  return wire;
}

/** Validates the `session` of a `session.update` the way the real service does and returns the updated state. */
export function applySessionUpdate(current: RealtimeSessionState, raw: unknown): RealtimeSessionState {
  const update = expectObject(raw, 'session');
  rejectUnknownKeys(update, SESSION_KEYS, 'session.');
  const type = expectOneOf(required(update, 'type', 'session.'), 'session.type', ['realtime', 'transcription']);
  if (type === 'transcription') {
    throw new RealtimeClientEventError(
      'Cannot update a realtime session to a transcription session.',
      'invalid_value',
      'session.type',
    );
  }
  const next: RealtimeSessionState = { ...current };
  if (update.model !== undefined) next.model = expectString(update.model, 'session.model');
  if (update.instructions !== undefined) next.instructions = expectString(update.instructions, 'session.instructions');
  if (update.output_modalities !== undefined) {
    next.outputModalities = parseOutputModalities(update.output_modalities, 'session.output_modalities');
  }
  if (update.audio !== undefined) applyAudio(next, expectObject(update.audio, 'session.audio'));
  if (update.tools !== undefined) next.tools = parseTools(update.tools, 'session.tools');
  if (update.tool_choice !== undefined) next.toolChoice = parseToolChoice(update.tool_choice, 'session.tool_choice');
  if (update.max_output_tokens !== undefined) {
    next.maxOutputTokens = parseMaxOutputTokens(update.max_output_tokens, 'session.max_output_tokens');
  }
  if (update.tracing !== undefined) next.tracing = parseTracing(update.tracing);
  if (update.truncation !== undefined) next.truncation = parseTruncation(update.truncation);
  if (update.include !== undefined) next.include = parseInclude(update.include);
  if (update.prompt !== undefined) next.prompt = parsePrompt(update.prompt);
  if (update.reasoning !== undefined) expectObject(update.reasoning, 'session.reasoning');
  return next;
}

function applyAudio(next: RealtimeSessionState, audio: JsonObject): void {
  rejectUnknownKeys(audio, new Set(['input', 'output']), 'session.audio.');
  if (audio.input !== undefined) {
    const prefix = 'session.audio.input';
    const input = expectObject(audio.input, prefix);
    rejectUnknownKeys(input, new Set(['format', 'transcription', 'noise_reduction', 'turn_detection']), `${prefix}.`);
    if (input.format !== undefined) next.inputFormat = parseAudioFormat(input.format, `${prefix}.format`);
    if (input.transcription !== undefined) next.transcription = parseTranscription(input.transcription);
    if (input.noise_reduction !== undefined) next.noiseReduction = parseNoiseReduction(input.noise_reduction);
    if (input.turn_detection !== undefined) next.turnDetection = parseTurnDetection(input.turn_detection);
  }
  if (audio.output !== undefined) {
    const prefix = 'session.audio.output';
    const output = expectObject(audio.output, prefix);
    rejectUnknownKeys(output, new Set(['format', 'voice', 'speed']), `${prefix}.`);
    if (output.format !== undefined) next.outputFormat = parseAudioFormat(output.format, `${prefix}.format`);
    if (output.voice !== undefined) next.voice = parseVoice(output.voice, `${prefix}.voice`);
    if (output.speed !== undefined) next.speed = parseSpeed(output.speed);
  }
}
