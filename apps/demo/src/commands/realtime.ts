import { createInterface } from 'node:readline';
import type { RealtimeSession } from '@switchboard/realtime';
import { parseWav, REALTIME_SAMPLE_RATE, toRealtimePcm16 } from '../audio/wav.js';
import { DemoError } from '../cli/demo-error.js';
import type { DemoIO } from '../cli/demo-io.js';
import type { Output } from '../cli/output.js';
import { audioTurn, openRealtime, type RealtimeTurn, textTurn } from '../realtime/realtime-turns.js';
import { connect } from '../setup/connect.js';
import { readInputFile } from '../setup/input-files.js';
import { type Command, DEMO_MODELS, stringValue } from './command.js';

/** The shortest audio the Realtime API accepts in one commit. */
const MIN_AUDIO_MS = 100;

/** `realtime`: a text conversation over the Realtime API, or one spoken question from a WAV file. */
export const realtimeCommand: Command = {
  name: 'realtime',
  summary: 'Talk over the Realtime API (WebSocket): text, or --audio <wav> for a spoken question',
  usage:
    'switchboard-demo realtime [message] [--audio question.wav] [--instructions "Be brief."] [--model gpt-realtime] [--provider openai|azure] [--json]\n' +
    '  With a message: one exchange. Without one: one line of standard input per turn, until end of input or /exit.\n' +
    '  --audio: a WAV file (PCM or float; other rates and channel counts are converted to PCM16 mono 24 kHz).',
  options: { audio: { type: 'string' }, instructions: { type: 'string' } },
  async run({ values, positionals, output, signal, io }) {
    const audioPath = stringValue(values, 'audio');
    // Read and check the audio before connecting, so a bad file costs no connection.
    const pcm16 = audioPath ? await loadAudio(audioPath, output, signal) : undefined;
    const demo = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    const model = stringValue(values, 'model') ?? DEMO_MODELS.realtime;
    const turns: RealtimeTurn[] = [];
    let session: RealtimeSession | undefined;
    try {
      const instructions = stringValue(values, 'instructions');
      session = await openRealtime(demo, {
        model,
        audioInput: Boolean(pcm16),
        signal,
        ...(instructions ? { instructions } : {}),
      });
      output.line(output.style('dim', `Realtime session open on ${demo.kind} (${model}).`));
      if (pcm16) turns.push(await audioTurn(session, pcm16, output, { signal }));
      const message = positionals.join(' ').trim();
      if (message) turns.push(await textTurn(session, message, output, signal));
      else if (!pcm16) await conversation(session, io, output, signal, turns);
      output.result('realtime', { provider: demo.kind, model, turns });
    } finally {
      await session?.close();
      await demo.close();
    }
  },
};

async function loadAudio(path: string, output: Output, signal: AbortSignal): Promise<Int16Array> {
  const wav = parseWav(await readInputFile(path, 'audio file', signal), path);
  const pcm16 = toRealtimePcm16(wav);
  const ms = (pcm16.length / REALTIME_SAMPLE_RATE) * 1000;
  if (ms < MIN_AUDIO_MS)
    throw new DemoError(
      `${path} holds ${ms.toFixed(0)} ms of audio; the Realtime API needs at least ${MIN_AUDIO_MS} ms.`,
      'Record a longer question.',
    );
  const converted = wav.sampleRate !== REALTIME_SAMPLE_RATE || wav.channels.length !== 1 || wav.encoding !== 'pcm16';
  output.detail(
    'audio',
    `${path}: ${(ms / 1000).toFixed(2)} s${converted ? ` (converted from ${wav.encoding}, ${wav.channels.length} channel(s), ${wav.sampleRate} Hz to PCM16 mono 24 kHz)` : ', PCM16 mono 24 kHz'}`,
  );
  return pcm16;
}

/** One turn per line of standard input until it ends or says /exit. */
async function conversation(
  session: RealtimeSession,
  io: DemoIO,
  output: Output,
  signal: AbortSignal,
  turns: RealtimeTurn[],
): Promise<void> {
  const terminal = Boolean(io.stdin.isTTY && io.stdout.isTTY);
  const rl = createInterface({
    input: io.stdin,
    ...(terminal ? { output: io.stdout } : {}),
    terminal,
    prompt: 'you> ',
  });
  const close = () => rl.close();
  signal.addEventListener('abort', close, { once: true });
  // On a terminal, Ctrl-C reaches readline rather than the process: it ends the conversation too.
  rl.on('SIGINT', close);
  try {
    if (terminal) rl.prompt();
    for await (const line of rl) {
      const text = line.trim();
      if (text === '/exit' || text === '/quit') break;
      if (text) {
        if (!terminal) output.line(`you> ${text}`);
        turns.push(await textTurn(session, text, output, signal));
      }
      if (terminal) rl.prompt();
    }
  } finally {
    signal.removeEventListener('abort', close);
    rl.close();
  }
}
