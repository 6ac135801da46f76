import { stat } from 'node:fs/promises';
import { DemoError } from '../cli/demo-error.js';
import { readInputFile } from '../setup/input-files.js';

/** Where a text came from. */
export interface TextArgument {
  /** The text. */
  text: string;
  /** `file` with its path, `stdin` (`-`), or `argument`. */
  source: { kind: 'file'; path: string } | { kind: 'stdin' } | { kind: 'argument' };
}

/**
 * The text of `<text|file>` arguments: one argument naming an existing file is that file's contents, `-` reads
 * standard input, anything else is the text itself. One argument that looks like a file name but names no file is
 * a mistake worth reporting rather than counting.
 */
export async function readTextArgument(
  positionals: string[],
  stdin: NodeJS.ReadableStream,
  signal?: AbortSignal,
): Promise<TextArgument> {
  if (positionals.length === 1) {
    const [only] = positionals as [string];
    if (only === '-') return { text: await readAll(stdin), source: { kind: 'stdin' } };
    const info = await stat(only).catch(() => undefined);
    if (info?.isFile())
      return {
        text: (await readInputFile(only, 'file', signal)).toString('utf8'),
        source: { kind: 'file', path: only },
      };
    if (looksLikePath(only)) {
      throw new DemoError(
        `The file ${only} does not exist.`,
        'Check the path (to count those characters as text, pipe them in: echo ... | switchboard-demo tokens -).',
      );
    }
  }
  const text = positionals.join(' ');
  if (text.trim() === '')
    throw new DemoError(
      'No text given.',
      'Usage: switchboard-demo tokens "some text" (or a file path, or - for standard input).',
    );
  return { text, source: { kind: 'argument' } };
}

function looksLikePath(value: string): boolean {
  return !/\s/.test(value) && (/[/\\]/.test(value) || /\.[A-Za-z0-9]{1,8}$/.test(value));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
