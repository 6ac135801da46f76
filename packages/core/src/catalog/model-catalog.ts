import type { Logger } from '../logging/logger.js';
import { silentLogger } from '../logging/logger.js';
import { BUILTIN_MODELS } from './builtin-models.js';
import type { ModelInfo } from './model-info.js';

/** Conservative defaults for a model the catalog does not know: small context, no special capabilities, no price. */
const UNKNOWN_DEFAULTS: Omit<ModelInfo, 'id'> = {
  kind: 'chat',
  contextWindow: 8_192,
  maxOutputTokens: 4_096,
  encoding: 'o200k_base',
  capabilities: { vision: false, tools: true, jsonSchema: false, streaming: true, reasoning: false },
  unknown: true,
};

/**
 * Model lookup: exact id, then the longest known prefix (dated snapshots such as `gpt-4o-2024-08-06`, fine-tunes
 * such as `ft:gpt-4o-mini:org::id`, newer point releases such as `gpt-5.1`), then conservative defaults with one
 * warning per unknown name. Never throws.
 */
export class ModelCatalog {
  private readonly models = new Map<string, ModelInfo>();
  private readonly warned = new Set<string>();
  private readonly aliases = new Map<string, string>([['gpt-35-turbo', 'gpt-3.5-turbo']]);

  constructor(
    models: readonly ModelInfo[] = BUILTIN_MODELS,
    private logger: Logger = silentLogger,
  ) {
    for (const model of models) this.models.set(model.id, model);
  }

  /** Adds or replaces a model. */
  register(model: ModelInfo): void {
    this.models.set(model.id, model);
  }

  /** Makes `name` (an Azure deployment name, say) resolve to the model `modelId`. */
  alias(name: string, modelId: string): void {
    this.aliases.set(name, modelId);
  }

  /** Sets the logger that receives unknown-model warnings. */
  setLogger(logger: Logger): void {
    this.logger = logger;
  }

  /** Every known model. */
  list(): ModelInfo[] {
    return [...this.models.values()];
  }

  /** The exact entry or the longest-prefix match, or undefined. */
  find(name: string): ModelInfo | undefined {
    const model = this.aliases.get(name) ?? name;
    const exact = this.models.get(model);
    if (exact) return exact;
    const base = stripFineTune(model);
    let best: ModelInfo | undefined;
    for (const [id, info] of this.models) {
      if (isPrefixMatch(base, id) && (!best || id.length > best.id.length)) best = info;
    }
    return best;
  }

  /** The model's info, or conservative defaults (with a warning once per name) for an unknown model. */
  get(model: string): ModelInfo {
    const found = this.find(model);
    if (found) return found;
    if (!this.warned.has(model)) {
      this.warned.add(model);
      this.logger.warn(
        { model },
        `Unknown model "${model}": using conservative defaults (8k context, no price). Register it with catalog.register().`,
      );
    }
    return { id: model, ...UNKNOWN_DEFAULTS };
  }
}

/** `ft:gpt-4o-mini-2024-07-18:org::abc` → `gpt-4o-mini-2024-07-18`. */
function stripFineTune(model: string): string {
  return model.startsWith('ft:') ? (model.split(':')[1] ?? model) : model;
}

/** `id` is a prefix of `model` at a boundary: `gpt-4o` matches `gpt-4o-2024-08-06` but not `gpt-4o1`. */
function isPrefixMatch(model: string, id: string): boolean {
  if (!model.startsWith(id)) return false;
  const next = model.charAt(id.length);
  return next === '-' || next === '.' || next === ':' || next === '@';
}

/** The shared catalog used by helpers, the tokenizer and cost estimates. */
export const modelCatalog = new ModelCatalog();
