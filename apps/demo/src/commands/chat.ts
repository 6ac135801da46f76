import { runChatRepl } from '../chat/chat-repl.js';
import { ChatSession } from '../chat/chat-session.js';
import { DemoError } from '../cli/demo-error.js';
import { connect } from '../setup/connect.js';
import { type Command, DEMO_MODELS, RESPONSES_PROVIDER_OPTIONS, stringValue, WIRE_APIS } from './command.js';
import { choiceOption, integerOption } from './option-values.js';

/** `chat`: an interactive streaming REPL with the history fitted to the context window. */
export const chatCommand: Command = {
  name: 'chat',
  summary: 'Interactive streaming chat with token and cost counts per turn (/model, /provider, /system, /reset)',
  usage:
    'switchboard-demo chat [--model gpt-4.1-mini] [--provider openai|azure] [--system "You are terse."] [--context-window 4000] [--max-output-tokens 512] [--api chat-completions|responses] [--json]',
  options: {
    system: { type: 'string' },
    'context-window': { type: 'string' },
    'max-output-tokens': { type: 'string' },
    api: { type: 'string' },
  },
  async run({ values, output, io, onInterrupt }) {
    const maxOutputTokens = integerOption(values, 'max-output-tokens', 512);
    const contextWindow = integerOption(values, 'context-window', 0, 1) || undefined;
    // The wire API is chosen per call, so one provider serves both; chat-completions is the providers' default.
    const api = choiceOption(values, 'api', WIRE_APIS, 'chat-completions');
    if (contextWindow !== undefined && contextWindow <= maxOutputTokens) {
      throw new DemoError(
        `--context-window (${contextWindow}) must be larger than --max-output-tokens (${maxOutputTokens}), which it keeps free for each answer.`,
        'For example --context-window 2000 --max-output-tokens 200.',
      );
    }
    const demo = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    try {
      const system = stringValue(values, 'system');
      const session = new ChatSession(demo, output, {
        model: stringValue(values, 'model') ?? DEMO_MODELS.chat,
        maxOutputTokens,
        ...(system ? { system } : {}),
        ...(contextWindow ? { contextWindow } : {}),
        ...(api === 'responses' ? { providerOptions: RESPONSES_PROVIDER_OPTIONS } : {}),
      });
      output.line(
        output.style(
          'dim',
          `Chatting with ${session.model} on ${demo.kind}${demo.offline ? ' (mock server)' : ''}${api === 'responses' ? ' over the Responses API' : ''}. /help lists the commands; Ctrl-C cancels an answer; Ctrl-D or /exit leaves.`,
        ),
      );
      await runChatRepl(session, { io, output, onInterrupt });
      output.result('chat', {
        provider: session.kind,
        model: session.model,
        api,
        turns: session.turns,
        costUsd: demo.tracker.totals().costUsd,
      });
    } finally {
      await demo.close();
    }
  },
};
