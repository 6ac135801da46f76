import type { ImageSource } from '@switchboard/core';
import { analyzeImage } from '@switchboard/core/node';
import { DemoError } from '../cli/demo-error.js';
import { bundledImagePath } from '../setup/assets.js';
import { connect } from '../setup/connect.js';
import { readImageFile } from '../setup/input-files.js';
import { type Command, DEMO_MODELS, stringValue } from './command.js';

/** `vision [image] [question]`: ask about an image (the bundled one by default). */
export const visionCommand: Command = {
  name: 'vision',
  summary: 'Ask about an image: a file path or URL (a bundled picture by default)',
  usage: 'switchboard-demo vision [image] [question] [--detail low|high|auto] [--model gpt-4.1-mini] [--json]',
  options: { detail: { type: 'string', default: 'auto' } },
  async run({ values, positionals, output, signal, io }) {
    const [image = bundledImagePath(), ...rest] = positionals;
    const question = rest.join(' ') || 'What is in this picture?';
    const detail = stringValue(values, 'detail');
    if (detail !== 'low' && detail !== 'high' && detail !== 'auto') {
      throw new DemoError(`--detail must be low, high or auto, not "${detail}".`, 'For example --detail low.');
    }
    // URLs go to the service as they are; a file is read and checked here so a wrong file fails before any call.
    const source: ImageSource = /^(https?:|data:)/i.test(image) ? image : await readImageFile(image, signal);
    const context = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    try {
      const model = stringValue(values, 'model') ?? DEMO_MODELS.vision;
      const answer = await analyzeImage(context.provider, source, question, { model, detail, signal });
      output.line(answer);
      output.result('vision', { provider: context.kind, model, image, question, answer });
    } finally {
      await context.close();
    }
  },
};
