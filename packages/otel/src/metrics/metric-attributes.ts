import type { Attributes } from '@opentelemetry/api';
import { GEN_AI, GENERAL } from '../attributes/semconv.js';

/** The attribute sets of a successful call's records: its duration and its two token counts. */
export interface SuccessMetricAttributes {
  /** `gen_ai.client.operation.duration` (and time to first chunk, which has no response model yet: see `base`). */
  readonly duration: Attributes;
  /** `gen_ai.client.token.usage` with `gen_ai.token.type` `input`. */
  readonly input: Attributes;
  /** `gen_ai.client.token.usage` with `gen_ai.token.type` `output`. */
  readonly output: Attributes;
}

/**
 * The metric attribute sets of one kind of call (operation, provider, server, request model), each made once and
 * reused: the metrics SDK hashes every attribute set it is given, so the sets are as small as the conventions allow,
 * and a call looks up the sets of its outcome with one map lookup instead of building objects.
 */
export class MetricAttributeSets {
  /** The call's own attributes: no response model, no error. */
  readonly base: Attributes;
  readonly #success = new Map<string | undefined, SuccessMetricAttributes>();
  readonly #failure = new Map<string, Attributes>();

  constructor(base: Attributes) {
    this.base = Object.freeze({ ...base });
  }

  /** The sets of a success answered by `responseModel`. */
  success(responseModel: string | undefined): SuccessMetricAttributes {
    let sets = this.#success.get(responseModel);
    if (!sets) {
      const duration = responseModel
        ? Object.freeze({ ...this.base, [GEN_AI.responseModel]: responseModel })
        : this.base;
      sets = Object.freeze({
        duration,
        input: Object.freeze({ ...duration, [GEN_AI.tokenType]: 'input' }),
        output: Object.freeze({ ...duration, [GEN_AI.tokenType]: 'output' }),
      });
      this.#success.set(responseModel, sets);
    }
    return sets;
  }

  /** The set of a failure of type `errorType`. */
  failure(errorType: string): Attributes {
    let attributes = this.#failure.get(errorType);
    if (!attributes) {
      attributes = Object.freeze({ ...this.base, [GENERAL.errorType]: errorType });
      this.#failure.set(errorType, attributes);
    }
    return attributes;
  }
}
