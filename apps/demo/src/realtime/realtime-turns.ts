import {
  connectRealtime,
  type RealtimeReply,
  type RealtimeSession,
  type RealtimeSessionConfig,
} from '@switchboard/realtime';
import type { Output } from '../cli/output.js';
import type { DemoContext } from '../setup/connect.js';

/** The model used to transcribe input audio (so the demo can print what it heard). */
export const TRANSCRIPTION_MODEL = 'gpt-4o-mini-transcribe';

/** How long to wait for the input transcript after the answer is done (the real service sends it on its own time). */
const TRANSCRIPT_GRACE_MS = 5_000;

/** What one exchange gave. */
export interface RealtimeTurn {
  /** The answer's text. */
  text: string;
  /** For audio input: the transcript of what was sent. */
  transcript?: string;
  /** Tokens the response used. */
  usage: { inputTokens: number; outputTokens: number } | undefined;
  /** `completed`, `cancelled` or `incomplete`. */
  status: string;
}

/**
 * Opens a text-only Realtime session on the demo's active provider (the same call for OpenAI and Azure); with
 * `audioInput`, input audio is PCM16 at 24 kHz, transcribed, and committed by hand (no voice activity detection).
 */
export function openRealtime(
  demo: DemoContext,
  options: { model: string; instructions?: string; audioInput?: boolean; signal?: AbortSignal },
): Promise<RealtimeSession> {
  const session: RealtimeSessionConfig = {
    output_modalities: ['text'],
    ...(options.instructions ? { instructions: options.instructions } : {}),
    ...(options.audioInput
      ? {
          audio: {
            input: {
              format: { type: 'audio/pcm', rate: 24_000 },
              transcription: { model: TRANSCRIPTION_MODEL },
              turn_detection: null,
            },
          },
        }
      : {}),
  };
  return connectRealtime(demo.provider, {
    model: options.model,
    session,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Sends one text message and prints the answer as it streams. */
export async function textTurn(
  session: RealtimeSession,
  text: string,
  output: Output,
  signal?: AbortSignal,
): Promise<RealtimeTurn> {
  return printReply(session.sendText(text, signal ? { signal } : {}), output);
}

/**
 * Sends PCM16 audio, asks for an answer, and prints the transcript of the audio and then the answer. The transcript
 * is waited for until `transcriptGraceMs` after the answer is done (default 5 s).
 */
export async function audioTurn(
  session: RealtimeSession,
  pcm16: Int16Array,
  output: Output,
  options: { signal?: AbortSignal; transcriptGraceMs?: number } = {},
): Promise<RealtimeTurn> {
  const { signal } = options;
  const transcriptStop = new AbortController();
  const transcript = session
    .waitFor('conversation.item.input_audio_transcription.completed', { signal: transcriptStop.signal })
    .then(
      (event) => event.transcript,
      () => undefined,
    );
  session.appendAudio(pcm16);
  session.commitAudio();
  const reply = session.createResponse(signal ? { signal } : {});
  const grace = reply.done.then(
    () => delay(options.transcriptGraceMs ?? TRANSCRIPT_GRACE_MS, transcriptStop.signal),
    () => undefined,
  );
  const heard = await Promise.race([transcript, grace.then(() => undefined)]);
  transcriptStop.abort();
  output.detail('transcript', heard ?? '(no transcript arrived)');
  const turn = await printReply(reply, output);
  return heard === undefined ? turn : { ...turn, transcript: heard };
}

async function printReply(reply: RealtimeReply, output: Output): Promise<RealtimeTurn> {
  output.write('  ');
  for await (const delta of reply.textStream) output.write(delta);
  output.line();
  const done = await reply.done;
  const usage = done.usage
    ? { inputTokens: done.usage.input_tokens ?? 0, outputTokens: done.usage.output_tokens ?? 0 }
    : undefined;
  output.line(
    output.style(
      'dim',
      `  [${done.status}${usage ? ` · ${usage.inputTokens} in / ${usage.outputTokens} out tokens` : ''}]`,
    ),
  );
  return { text: done.text, usage, status: done.status };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
