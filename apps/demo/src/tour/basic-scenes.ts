import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ask, createImage } from '@switchboard/core';
import { analyzeImage } from '@switchboard/core/node';
import { DEMO_MODELS } from '../commands/command.js';
import { bundledImagePath } from '../setup/assets.js';
import { cosineSimilarity } from '../setup/similarity.js';
import type { Scene } from './scene.js';

/** Streaming chat: deltas printed as they arrive, then the assembled answer's usage. */
export const streamingScene: Scene = {
  title: 'Streaming chat',
  async run({ demo, output, signal }) {
    const request = {
      model: DEMO_MODELS.chat,
      messages: [{ role: 'user' as const, content: 'In two sentences, what does a telephone switchboard do?' }],
    };
    const stream = demo.provider.streamChat(request, { signal });
    output.write('  ');
    for await (const text of stream.textStream) output.write(text);
    output.line();
    const response = await stream.response;
    output.detail(
      'finish',
      `${response.finishReason}, ${response.usage?.inputTokens ?? '?'} in / ${response.usage?.outputTokens ?? '?'} out tokens`,
    );
    return { text: response.text, usage: response.usage, finishReason: response.finishReason };
  },
};

/** Simple Q&A on a nano model. */
export const askScene: Scene = {
  title: `Simple Q&A on ${DEMO_MODELS.nano}`,
  async run({ demo, output, signal }) {
    const question = 'Name one famous switchboard operator.';
    const answer = await ask(demo.provider, question, { model: DEMO_MODELS.nano, signal });
    output.detail('question', question);
    output.detail('answer', answer);
    return { question, answer };
  },
};

/** Vision on the bundled picture. */
export const visionScene: Scene = {
  title: 'Vision on a bundled image',
  async run({ demo, output, signal }) {
    const question = 'Describe this picture in one sentence.';
    const answer = await analyzeImage(demo.provider, bundledImagePath(), question, {
      model: DEMO_MODELS.vision,
      detail: 'low',
      signal,
    });
    output.detail('image', 'assets/switchboard.png (sent as a data URL)');
    output.detail('answer', answer);
    return { question, answer };
  },
};

/** Image generation saved as a PNG file. */
export const imageScene: Scene = {
  title: 'Image generation',
  async run({ demo, output, outDir, signal }) {
    const response = await createImage(demo.provider, 'A vintage telephone switchboard, flat illustration', {
      model: DEMO_MODELS.image,
      size: '1024x1024',
      quality: 'low',
      signal,
    });
    const image = response.images[0];
    if (!image?.bytes) throw new Error('The service returned no image bytes.');
    const file = join(outDir, 'tour-image.png');
    await writeFile(file, image.bytes);
    output.detail('saved', `${file} (${image.bytes.byteLength} bytes, ${image.mimeType})`);
    return { file, bytes: image.bytes.byteLength };
  },
};

/** Embeddings and cosine similarity. */
export const embeddingsScene: Scene = {
  title: 'Embeddings similarity',
  async run({ demo, output, signal }) {
    if (!demo.provider.embed) return { skipped: 'no embeddings on this provider' };
    const texts = [
      'The operator connected the call.',
      'A switchboard routes telephone calls.',
      'Bananas are rich in potassium.',
    ];
    const response = await demo.provider.embed(
      { model: DEMO_MODELS.embedding, input: texts, dimensions: 256 },
      { signal },
    );
    const [first] = response.embeddings;
    const similarities = texts.map((text, i) => ({
      text,
      similarity: cosineSimilarity(first as Float32Array, response.embeddings[i] as Float32Array),
    }));
    for (const row of similarities.slice(1)) output.detail(row.similarity.toFixed(3), `"${texts[0]}" vs "${row.text}"`);
    return { similarities };
  },
};
