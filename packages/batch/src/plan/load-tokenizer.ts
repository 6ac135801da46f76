import type { ChatRequest, EmbeddingRequest } from '@switchboard/core';
import type { EstimateTokens } from './estimate-tokens.js';

/** The optional peer package that counts tokens exactly. */
const TOKENIZER_PACKAGE = '@switchboard/tokenizer';

/** The parts of `@switchboard/tokenizer` the planner uses (typed here: the package is an optional peer). */
interface TokenizerModule {
  /** Prompt tokens of a chat request, with a breakdown. */
  countChatTokens(request: ChatRequest): { total: number };
  /** Tokens of a text for a model. */
  countTokens(text: string, target: { model: string }): number;
}

/** Imports a module by name; replaceable in tests. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

// A variable specifier keeps TypeScript and bundlers from requiring the optional peer at build time.
const importModule: ModuleImporter = (specifier) => import(specifier);

let cached: Promise<EstimateTokens | undefined> | undefined;

/**
 * Loads an exact token counter from `@switchboard/tokenizer` when it is installed, or resolves to undefined when it
 * is not (it is an optional peer dependency). The lookup is done once.
 */
export function loadTokenizerEstimator(importer?: ModuleImporter): Promise<EstimateTokens | undefined> {
  if (importer) return resolveEstimator(importer);
  cached ??= resolveEstimator(importModule);
  return cached;
}

async function resolveEstimator(importer: ModuleImporter): Promise<EstimateTokens | undefined> {
  let module: Partial<TokenizerModule>;
  try {
    module = (await importer(TOKENIZER_PACKAGE)) as Partial<TokenizerModule>;
  } catch {
    return undefined;
  }
  const { countChatTokens, countTokens } = module;
  if (typeof countChatTokens !== 'function' || typeof countTokens !== 'function') return undefined;
  return (request: ChatRequest | EmbeddingRequest) => {
    if ('messages' in request) return countChatTokens(request).total;
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    return inputs.reduce((sum, text) => sum + countTokens(text, { model: request.model }), 0);
  };
}
