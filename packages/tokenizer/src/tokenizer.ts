import {
  type ChatRequest,
  type EmbeddingRequest,
  type EncodingName,
  type ImageRequest,
  InvalidRequestError,
  type Logger,
  type ModelCatalog,
  modelCatalog,
  silentLogger,
  type Usage,
} from '@switchboard/core';
import { type FitToContextOptions, type FitToContextResult, fitRequest } from './context/fit-to-context.js';
import { type CostEstimate, type EstimateCostOptions, priceTokens } from './cost/estimate-cost.js';
import type { ChatTokenCount, CountChatTokensOptions } from './count/chat-token-count.js';
import { countChatRequest } from './count/count-chat-request.js';
import { type CountContext, VERIFIED_CHAT_MODELS } from './count/count-context.js';
import { TokenCountCache, type TokenCountCacheOptions } from './count/token-count-cache.js';
import type { Encoder } from './encoding/encoder.js';
import { freeSharedEncoders, sharedEncoder } from './encoding/encoder-registry.js';
import { DEFAULT_ENCODING, isEncodingName } from './encoding/encoding-names.js';
import { type EncodingResolution, resolveEncoding } from './encoding/resolve-encoding.js';
import { isTokenId } from './encoding/vocabulary.js';
import { imageRuleForModel } from './images/image-rule-for-model.js';

/** Options of `createTokenizer`. */
export interface TokenizerOptions {
  /** The model catalog for encodings, context windows and prices (aliases included). Default: core's shared one. */
  catalog?: ModelCatalog;
  /** Receives one warning per unknown model name. Default: silent. */
  logger?: Logger;
  /** Limits of the per-text count cache used by chat counting, or false to count every time. */
  cache?: TokenCountCacheOptions | false;
}

/** Which encoding to count with: a model's (resolved through the catalog) or one named directly. */
export type EncodingTarget = { model: string; encoding?: undefined } | { encoding: EncodingName; model?: undefined };

/** A request the rate limiter reserves tokens for. */
export type EstimatedRequest = ChatRequest | EmbeddingRequest | ImageRequest;

/**
 * Counts tokens with tiktoken's encoders, exactly as `encode_ordinary` does, and builds on the counts: chat request
 * counting with a breakdown, context fitting, cost estimates and the rate limiter's token estimate. Encoders are
 * created on first use, one per encoding for the whole process, and shared by every call and every tokenizer;
 * `dispose()` frees them (they are created again if anything counts afterwards).
 */
export class Tokenizer {
  private readonly catalog: ModelCatalog;
  private readonly logger: Logger;
  private readonly cacheOptions: TokenCountCacheOptions | false;
  private readonly caches = new Map<EncodingName, TokenCountCache>();
  private readonly warned = new Set<string>();

  constructor(options: TokenizerOptions = {}) {
    this.catalog = options.catalog ?? modelCatalog;
    this.logger = options.logger ?? silentLogger;
    this.cacheOptions = options.cache ?? {};
  }

  /**
   * The encoding a model counts with: exact catalog or known id, then the longest known prefix (snapshots, `ft:`
   * fine-tunes, `gpt-5.x`, Azure deployment names registered with `catalog.alias`), then o200k_base with one warning
   * per unknown name. Never throws.
   */
  resolveEncoding(model: string): EncodingResolution {
    const resolution = resolveEncoding(String(model), this.catalog);
    if (resolution.source === 'default' && !this.warned.has(model)) {
      this.warned.add(model);
      this.logger.warn(
        { model, encoding: resolution.encoding },
        `Unknown model "${model}": counting tokens with ${resolution.encoding}. Register it in the catalog (or alias a deployment name) for exact counts.`,
      );
    }
    return resolution;
  }

  /** Tokens of `text` (special-token strings count as plain text). Without a target, o200k_base is used. */
  countTokens(text: string, target?: EncodingTarget): number {
    return this.encoder(this.encodingOf(target)).count(checkText(text));
  }

  /** The tokens of `text`, identical to tiktoken's `encode_ordinary`. */
  encode(text: string, target?: EncodingTarget): Uint32Array {
    return this.encoder(this.encodingOf(target)).encode(checkText(text));
  }

  /** The text of `tokens`. Throws InvalidRequestError for ids that are not tokens of the encoding. */
  decode(tokens: Uint32Array | readonly number[], target?: EncodingTarget): string {
    const encoding = this.encodingOf(target);
    for (const token of tokens) {
      if (!isTokenId(encoding, token)) {
        throw new InvalidRequestError({
          message: `${String(token)} is not a token id of ${encoding}.`,
          source: 'client',
        });
      }
    }
    return this.encoder(encoding).decode(Uint32Array.from(tokens));
  }

  /**
   * The prompt tokens of a chat request with a breakdown (messages, tools, images, response format), each marked
   * exact or estimate. Message texts are cached by content, so counting a conversation that grew by one message only
   * tokenizes the new one.
   */
  countChatTokens(request: ChatRequest, options: CountChatTokensOptions = {}): ChatTokenCount {
    checkChatRequest(request);
    return countChatRequest(request, this.context(options.model ?? request.model, options));
  }

  /**
   * Drops (or shortens) the oldest non-system messages until the request fits the model's context window minus the
   * tokens reserved for output, keeping tool calls with their results, and reports what it removed. Throws
   * ContextLengthError when even the system messages and the newest message do not fit.
   */
  fitToContext(request: ChatRequest, options: FitToContextOptions = {}): FitToContextResult {
    checkChatRequest(request);
    const model = options.model ?? request.model;
    const contextWindow = options.contextWindow ?? this.catalog.get(model).contextWindow;
    const reserve = options.reserveOutputTokens ?? request.maxOutputTokens ?? 0;
    const encoder = () => this.encoder(this.resolveEncoding(model).encoding);
    const context = this.context(model, {});
    return fitRequest(
      request,
      {
        budget: contextWindow - reserve,
        contextWindow,
        truncate: options.truncate ?? true,
        minTruncatedTokens: options.minTruncatedTokens ?? 32,
      },
      {
        countRequest: (candidate) => countChatRequest(candidate, context),
        count: (text) => context.countText(text),
        encode: (text) => encoder().encode(text),
        decode: (tokens) => encoder().decode(tokens),
      },
    );
  }

  /**
   * The cost in USD of a request (its counted prompt tokens and, by default, its `maxOutputTokens`) or of a real
   * usage, at the catalog's prices, optionally with the Batch API discount.
   */
  estimateCost(input: ChatRequest | Usage, options: EstimateCostOptions = {}): CostEstimate {
    const batch = options.batch ?? false;
    if (isUsage(input)) {
      if (!options.model) {
        throw new InvalidRequestError({ message: 'estimateCost(usage) needs options.model.', source: 'client' });
      }
      return priceTokens(
        options.model,
        {
          inputTokens: input.inputTokens,
          outputTokens: input.outputTokens,
          cachedInputTokens: input.cachedInputTokens ?? 0,
        },
        { batch, catalog: this.catalog, fromUsage: true, exactInput: true },
      );
    }
    const model = options.model ?? input.model;
    const counted = this.countChatTokens(input, { model });
    return priceTokens(
      model,
      {
        inputTokens: counted.total,
        outputTokens: options.outputTokens ?? input.maxOutputTokens ?? 0,
        cachedInputTokens: options.cachedInputTokens ?? 0,
      },
      { batch, catalog: this.catalog, fromUsage: false, exactInput: counted.exact },
    );
  }

  /**
   * The tokens a request reserves against a tokens-per-minute limit, in the shape @switchboard/resilience's limiter
   * takes: prompt tokens plus `maxOutputTokens` for chat, the inputs for embeddings, the prompt for images. Never
   * throws: a request it cannot read is estimated at a quarter of its JSON length (and logged).
   */
  readonly estimateTokens = (request: EstimatedRequest): number => {
    try {
      if ('messages' in request) return this.countChatTokens(request).total + (request.maxOutputTokens ?? 0);
      if ('input' in request) {
        const inputs = Array.isArray(request.input) ? request.input : [request.input];
        return inputs.reduce((sum, text) => sum + this.countTokens(text, { model: request.model }), 0);
      }
      return this.countTokens(request.prompt, { model: request.model });
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not count the request; reserving a characters/4 estimate instead.');
      return Math.ceil((JSON.stringify(request)?.length ?? 0) / 4);
    }
  };

  /**
   * Forgets the cached counts and frees the WASM encoders (shared by all tokenizers). Everything stays usable:
   * encoders are re-created on the next count.
   */
  dispose(): void {
    freeSharedEncoders();
    this.caches.clear();
  }

  private encodingOf(target: EncodingTarget | undefined): EncodingName {
    if (target?.encoding !== undefined) {
      if (!isEncodingName(target.encoding)) {
        throw new InvalidRequestError({
          message: `Unknown encoding ${JSON.stringify(target.encoding)}: use o200k_base, cl100k_base, p50k_base or r50k_base.`,
          source: 'client',
        });
      }
      return target.encoding;
    }
    return target?.model !== undefined ? this.resolveEncoding(target.model).encoding : DEFAULT_ENCODING;
  }

  private encoder(encoding: EncodingName): Encoder {
    return sharedEncoder(encoding);
  }

  private context(model: string, options: CountChatTokensOptions): CountContext {
    const resolution = this.resolveEncoding(model);
    const encoding = resolution.encoding;
    const count = (text: string) => this.encoder(encoding).count(text);
    let countText = count;
    if (this.cacheOptions !== false) {
      let cache = this.caches.get(encoding);
      if (!cache) {
        cache = new TokenCountCache(this.cacheOptions);
        this.caches.set(encoding, cache);
      }
      const textCache = cache;
      countText = (text: string) => textCache.get(text, count);
    }
    const catalogModel = resolution.source === 'catalog' ? resolution.matchedModel : undefined;
    return {
      model,
      encoding,
      countText,
      verified: catalogModel !== undefined && VERIFIED_CHAT_MODELS.has(catalogModel),
      imageRule: imageRuleForModel(model, catalogModel),
      imageSize: options.imageSize,
    };
  }
}

function checkText(text: string): string {
  if (typeof text !== 'string') {
    throw new InvalidRequestError({ message: `Expected text to count, got ${typeof text}.`, source: 'client' });
  }
  return text;
}

function checkChatRequest(request: ChatRequest): void {
  if (typeof request !== 'object' || request === null || !Array.isArray(request.messages)) {
    throw new InvalidRequestError({ message: 'Expected a chat request with a messages array.', source: 'client' });
  }
}

function isUsage(input: ChatRequest | Usage): input is Usage {
  return typeof (input as Usage).inputTokens === 'number' && !('messages' in input);
}

/** A tokenizer with its own catalog, logger or cache limits. */
export function createTokenizer(options: TokenizerOptions = {}): Tokenizer {
  return new Tokenizer(options);
}
