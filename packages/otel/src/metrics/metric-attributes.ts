import type { Attributes } from '@opentelemetry/api';
import { GEN_AI } from '../attributes/semconv.js';

/**
 * Metric attribute sets, made once per distinct combination and reused: the metrics SDK hashes every attribute set it
 * is given, and building fresh objects for each call was most of the telemetry's cost on a fast call.
 */
export class MetricAttributeCache {
  readonly #base: Attributes;
  readonly #byModel = new Map<string, Attributes>();
  readonly #derived = new WeakMap<Attributes, Map<string, Attributes>>();

  constructor(base: Attributes) {
    this.#base = base;
  }

  /** The attributes of a call to `model` (or of a call without a model). */
  forModel(model: string | undefined): Attributes {
    if (model === undefined) return this.#base;
    let attributes = this.#byModel.get(model);
    if (!attributes) {
      attributes = Object.freeze({ ...this.#base, [GEN_AI.requestModel]: model });
      this.#byModel.set(model, attributes);
    }
    return attributes;
  }

  /** `attributes` plus one more name/value pair, made once. */
  with(attributes: Attributes, name: string, value: string): Attributes {
    let byPair = this.#derived.get(attributes);
    if (!byPair) {
      byPair = new Map();
      this.#derived.set(attributes, byPair);
    }
    const key = `${name}\u0000${value}`;
    let derived = byPair.get(key);
    if (!derived) {
      derived = Object.freeze({ ...attributes, [name]: value });
      byPair.set(key, derived);
    }
    return derived;
  }
}
