import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSseData, referenceDir } from '@internal/conformance';

/** A recorded real chat stream as raw SSE text (ending in `data: [DONE]`). */
export interface StreamFixture {
  name: string;
  sse: string;
}

const FIXTURES = join(referenceDir, 'fixtures');

/**
 * The recorded chat streams in ../shared/reference/fixtures: the openai-python `.sse` files as they are, and the
 * vercel-ai chat `.chunks.txt` files (one JSON payload per line, no `data: `, no `[DONE]`) turned back into SSE.
 * The legacy completions recording is not a chat stream and is left out.
 */
export function loadChatStreamFixtures(): StreamFixture[] {
  const python = readdirSync(join(FIXTURES, 'openai-python'))
    .filter((file) => file.endsWith('.sse'))
    .map((file) => ({
      name: `openai-python/${file}`,
      sse: readFileSync(join(FIXTURES, 'openai-python', file), 'utf8'),
    }));
  const vercel = readdirSync(join(FIXTURES, 'vercel-ai'))
    .filter((file) => file.startsWith('openai_chat_') && file.endsWith('.chunks.txt'))
    .map((file) => {
      const lines = readFileSync(join(FIXTURES, 'vercel-ai', file), 'utf8')
        .split('\n')
        .filter(Boolean);
      return { name: `vercel-ai/${file}`, sse: `${lines.map((line) => `data: ${line}\n\n`).join('')}data: [DONE]\n\n` };
    });
  return [...python, ...vercel];
}

/** Reads a fixture file as text. */
export function readFixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** What a stream says, assembled by a plain independent reading of its payloads (the test oracle). */
export interface AssembledStream {
  text: string;
  refusal: string | null;
  toolCalls: { id: string; name: string; arguments: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | undefined;
  finishReason: string | null;
}

interface OracleChunk {
  choices?: {
    index?: number;
    delta?: {
      content?: string | null;
      refusal?: string | null;
      tool_calls?: { index: number; id?: string; function?: { name?: string; arguments?: string } }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: AssembledStream['usage'] | null;
}

/** Assembles a stream with conformance's own SSE splitter, independently of the provider's code. */
export function assembleOracle(sse: string): AssembledStream {
  const { events } = parseSseData(sse) as { events: OracleChunk[] };
  const result: AssembledStream = { text: '', refusal: null, toolCalls: [], usage: undefined, finishReason: null };
  for (const chunk of events) {
    if (chunk.usage) result.usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      if ((choice.index ?? 0) !== 0) continue;
      result.text += choice.delta?.content ?? '';
      if (choice.delta?.refusal) result.refusal = (result.refusal ?? '') + choice.delta.refusal;
      for (const call of choice.delta?.tool_calls ?? []) {
        const entry = result.toolCalls[call.index] ?? { id: '', name: '', arguments: '' };
        result.toolCalls[call.index] = entry;
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name += call.function.name;
        entry.arguments += call.function?.arguments ?? '';
      }
      if (choice.finish_reason) result.finishReason = choice.finish_reason;
    }
  }
  return result;
}

/** A byte stream that delivers `bytes` cut at the given offsets. */
export function chunkedStream(bytes: Uint8Array, cuts: readonly number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.slice(start, point));
    start = point;
  }
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[next++];
      if (piece) controller.enqueue(piece);
      else controller.close();
    },
  });
}
