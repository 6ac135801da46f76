import { analyzeImage } from '@switchboard/core';
import { bundledImagePath } from '../setup/assets.js';
import { connect } from '../setup/connect.js';
import { type Command, DEMO_MODELS, stringValue } from './command.js';

/** `vision [image] [question]`: ask about an image (the bundled one by default). */
export const visionCommand: Command = {
  name: 'vision',
  summary: 'Ask about an image: a file path or URL (a bundled picture by default)',
  usage: 'switchboard-demo vision [image] [question] [--detail low|high|auto] [--model gpt-4.1-mini] [--json]',
  options: { detail: { type: 'string', default: 'auto' } },
  async run({ values, positionals, output, signal }) {
    const [image = bundledImagePath(), ...rest] = positionals;
    const question = rest.join(' ') || 'What is in this picture?';
    const detail = stringValue(values, 'detail') as 'low' | 'high' | 'auto';
    const context = await connect({ provider: stringValue(values, 'provider'), output });
    try {
      const model = stringValue(values, 'model') ?? DEMO_MODELS.vision;
      const answer = await analyzeImage(context.provider, image, question, { model, detail, signal });
      output.line(answer);
      output.result('vision', { provider: context.kind, model, image, question, answer });
    } finally {
      await context.close();
    }
  },
};
