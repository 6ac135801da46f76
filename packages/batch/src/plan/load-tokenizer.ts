import type { ChatRequest, EmbeddingRequest } from '@switchboard/core';
import type { EstimateTokens } from './estimate-tokens.js';

/** The optional peer package that counts tokens exactly. */
const TOKENIZER_PACKAGE = '@switchboard/tokenizer';

/** Imports a module by name; replaceable in tests. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

// A variable specifier keeps TypeScript and bundlers from requiring the optional peer at build time.
const importModule: ModuleImporter = (specifier) => import(specifier);

let cached: Promise<EstimateTokens | undefined> | undefined;

/**
 * Loads an exact token counter from `@switchboard/tokenizer` when it is installed, or resolves to undefined when it
 * is not (it is an optional peer dependency). The result of the first successful lookup is reused.
 */
export function loadTokenizerEstimator(importer?: ModuleImporter): Promise<EstimateTokens | undefined> {
  if (importer) return resolveEstimator(importer);
  cached ??= resolveEstimator(importModule);
  return cached;
}

async function resolveEstimator(importer: ModuleImporter): Promise<EstimateTokens | undefined> {
  let module: Record<string, unknown>;
  try {
    module = (await importer(TOKENIZER_PACKAGE)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const countChatTokens = module.countChatTokens;
  const countTokens = module.countTokens;
  if (typeof countChatTokens !== 'function') return undefined;
  return (request: ChatRequest | EmbeddingRequest) => {
    if ('input' in request) {
      if (typeof countTokens !== 'function') return Number.NaN;
      const inputs = Array.isArray(request.input) ? request.input : [request.input];
      return inputs.reduce((sum, text) => sum + toCount(countTokens(text, { model: request.model })), 0);
    }
    return toCount(countChatTokens(request));
  };
}

/** The token total from whatever shape the counter returns: a number, or a breakdown with a total. */
function toCount(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of ['total', 'totalTokens', 'tokens', 'inputTokens']) {
      if (typeof record[key] === 'number') return record[key] as number;
    }
  }
  return Number.NaN;
}
