import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createImage } from '@switchboard/core';
import { DemoError } from '../cli/demo-error.js';
import { connect } from '../setup/connect.js';
import { type Command, DEMO_MODELS, stringValue } from './command.js';

/** `image <prompt> --out file.png`: generate an image and save it. */
export const imageCommand: Command = {
  name: 'image',
  summary: 'Generate an image and save it as a PNG',
  usage:
    'switchboard-demo image <prompt> --out file.png [--size 1024x1024] [--quality low] [--model gpt-image-1] [--json]',
  options: {
    out: { type: 'string', short: 'o' },
    size: { type: 'string', default: '1024x1024' },
    quality: { type: 'string', default: 'low' },
  },
  async run({ values, positionals, output, signal, io }) {
    const prompt = positionals.join(' ').trim();
    if (!prompt)
      throw new DemoError(
        'No prompt given.',
        'Usage: switchboard-demo image "a lighthouse at dusk" --out lighthouse.png',
      );
    const out = stringValue(values, 'out') ?? 'switchboard-image.png';
    const context = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    try {
      const model = stringValue(values, 'model') ?? DEMO_MODELS.image;
      const quality = stringValue(values, 'quality') as 'low';
      const response = await createImage(context.provider, prompt, {
        model,
        size: stringValue(values, 'size'),
        quality,
        signal,
      });
      const image = response.images[0];
      if (!image?.bytes) throw new DemoError('The service returned no image bytes.', 'Try another model or prompt.');
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, image.bytes);
      output.line(`Saved ${image.bytes.byteLength} bytes (${image.mimeType}) to ${out}`);
      if (image.revisedPrompt) output.detail('revised prompt', image.revisedPrompt);
      output.result('image', {
        provider: context.kind,
        model,
        prompt,
        out,
        bytes: image.bytes.byteLength,
        revisedPrompt: image.revisedPrompt,
      });
    } finally {
      await context.close();
    }
  },
};
