import { ask } from '@switchboard/core';
import { DemoError } from '../cli/demo-error.js';
import { connect } from '../setup/connect.js';
import { type Command, DEMO_MODELS, stringValue } from './command.js';

/** `ask <question>`: simple Q&A on a nano model. */
export const askCommand: Command = {
  name: 'ask',
  summary: 'Ask one question (a nano model by default)',
  usage: 'switchboard-demo ask <question> [--model gpt-5-nano] [--provider openai|azure] [--json]',
  options: {},
  async run({ values, positionals, output, signal, io }) {
    const question = positionals.join(' ').trim();
    if (!question)
      throw new DemoError('No question given.', 'Usage: switchboard-demo ask "What is the capital of France?"');
    const context = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    try {
      const model = stringValue(values, 'model') ?? DEMO_MODELS.nano;
      const answer = await ask(context.provider, question, { model, signal });
      output.line(answer);
      output.result('ask', { provider: context.kind, model, question, answer });
    } finally {
      await context.close();
    }
  },
};
