import { createInterface } from 'node:readline';
import type { DemoIO } from '../cli/demo-io.js';
import type { Output } from '../cli/output.js';
import type { ChatSession } from './chat-session.js';

/** What the REPL needs besides the session. */
export interface ReplOptions {
  /** The streams. */
  io: DemoIO;
  /** Where notes go. */
  output: Output;
  /** Takes Ctrl-C over from the CLI (for piped input, where Ctrl-C is a real SIGINT). */
  onInterrupt(handler: () => void): () => void;
}

/**
 * Reads lines until end of input or `/exit` and hands each to the session. Ctrl-C cancels the answer in progress
 * and returns to the prompt; at an idle prompt it clears the line, and a second one in a row leaves. Works the same
 * with a terminal (readline's own SIGINT) and with piped input (the process's SIGINT), so tests can drive it.
 */
export async function runChatRepl(session: ChatSession, options: ReplOptions): Promise<void> {
  const { io, output } = options;
  const terminal = Boolean(io.stdin.isTTY && io.stdout.isTTY);
  const rl = createInterface({
    input: io.stdin,
    ...(terminal ? { output: io.stdout } : {}),
    terminal,
    prompt: output.style('green', 'you> '),
  });
  let turn: AbortController | undefined;
  let idleInterrupts = 0;
  const interrupt = () => {
    if (turn) {
      turn.abort();
      return;
    }
    idleInterrupts += 1;
    if (idleInterrupts >= 2 || !terminal) {
      rl.close();
      return;
    }
    rl.write(null, { ctrl: true, name: 'u' });
    output.line();
    output.line(output.style('dim', '(To leave, press Ctrl-C again, press Ctrl-D or type /exit.)'));
    rl.prompt();
  };
  rl.on('SIGINT', interrupt);
  const giveBack = options.onInterrupt(interrupt);
  try {
    if (terminal) rl.prompt();
    for await (const line of rl) {
      idleInterrupts = 0;
      if (!terminal && line.trim() !== '') output.line(`you> ${line}`);
      turn = new AbortController();
      const outcome = await session.handle(line, turn.signal);
      turn = undefined;
      if (outcome === 'exit') break;
      if (terminal) rl.prompt();
    }
  } finally {
    giveBack();
    rl.close();
  }
}
