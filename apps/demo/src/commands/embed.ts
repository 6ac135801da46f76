import { DemoError } from '../cli/demo-error.js';
import { connect } from '../setup/connect.js';
import { cosineSimilarity } from '../setup/similarity.js';
import { type Command, DEMO_MODELS, stringValue } from './command.js';

/** `embed <text> [text...]`: embed texts and show how similar each is to the first. */
export const embedCommand: Command = {
  name: 'embed',
  summary: 'Embed texts and show their cosine similarity to the first one',
  usage: 'switchboard-demo embed <text> [more texts...] [--dimensions 256] [--model text-embedding-3-small] [--json]',
  options: { dimensions: { type: 'string' } },
  async run({ values, positionals, output, signal, io }) {
    if (positionals.length === 0)
      throw new DemoError(
        'No text given.',
        'Usage: switchboard-demo embed "cats purr" "kittens meow" "stock prices fell"',
      );
    const dimensions = stringValue(values, 'dimensions');
    const parsedDimensions = dimensions === undefined ? undefined : Number(dimensions);
    if (parsedDimensions !== undefined && !(Number.isInteger(parsedDimensions) && parsedDimensions > 0)) {
      throw new DemoError(
        `--dimensions must be a positive whole number, not "${dimensions}".`,
        'For example --dimensions 256.',
      );
    }
    const context = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    try {
      if (!context.provider.embed) throw new DemoError('This provider has no embeddings.', 'Use --provider openai.');
      const model = stringValue(values, 'model') ?? DEMO_MODELS.embedding;
      const response = await context.provider.embed(
        { model, input: positionals, ...(parsedDimensions ? { dimensions: parsedDimensions } : {}) },
        { signal },
      );
      const [first] = response.embeddings;
      const rows = positionals.map((text, i) => ({
        text,
        similarity: first ? cosineSimilarity(first, response.embeddings[i] as Float32Array) : 0,
      }));
      output.line(
        `${response.embeddings.length} vectors of ${first?.length ?? 0} dimensions (${response.usage.inputTokens} tokens)`,
      );
      for (const row of rows) output.line(`  ${row.similarity.toFixed(3)}  ${row.text}`);
      output.result('embed', {
        provider: context.kind,
        model,
        dimensions: first?.length ?? 0,
        similarities: rows,
        usage: response.usage,
      });
    } finally {
      await context.close();
    }
  },
};
