import { ask } from '@switchboard/core';
import { DemoError } from '../cli/demo-error.js';
import { connect } from '../setup/connect.js';
import { type Command, DEMO_MODELS, RESPONSES_PROVIDER_OPTIONS, stringValue, WIRE_APIS } from './command.js';
import { choiceOption } from './option-values.js';

/** `ask <question>`: simple Q&A on a nano model, over Chat Completions or (`--api responses`) the Responses API. */
export const askCommand: Command = {
  name: 'ask',
  summary: 'Ask one question (a nano model by default)',
  usage:
    'switchboard-demo ask <question> [--model gpt-5-nano] [--provider openai|azure] [--api chat-completions|responses] [--json]',
  options: { api: { type: 'string' } },
  async run({ values, positionals, output, signal, io }) {
    const question = positionals.join(' ').trim();
    if (!question)
      throw new DemoError('No question given.', 'Usage: switchboard-demo ask "What is the capital of France?"');
    const api = choiceOption(values, 'api', WIRE_APIS, 'chat-completions');
    const context = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    try {
      const model = stringValue(values, 'model') ?? DEMO_MODELS.nano;
      // `ask` is core's one-liner; the Responses API is picked per call, so that path sends the request itself.
      const answer =
        api === 'responses'
          ? (
              await context.provider.chat(
                { model, messages: [{ role: 'user', content: question }], providerOptions: RESPONSES_PROVIDER_OPTIONS },
                { signal },
              )
            ).text
          : await ask(context.provider, question, { model, signal });
      output.line(answer);
      output.result('ask', { provider: context.kind, model, api, question, answer });
    } finally {
      await context.close();
    }
  },
};
