import { InvalidRequestError } from '../errors/error-classes.js';
import type { ChatRequest } from '../types/chat-request.js';
import { type ModelCatalog, modelCatalog } from './model-catalog.js';
import type { ModelInfo } from './model-info.js';

/** Options of `checkReasoningOptions`. */
export interface CheckReasoningOptions {
  /** The catalog to look the model up in; the shared one by default. */
  catalog?: ModelCatalog;
  /** The model id to check when it differs from `request.model` (an Azure deployment mapped to a model). */
  modelId?: string;
  /** The provider name, put on the error. */
  provider?: string;
}

const SNAPSHOT_SUFFIX = /^-\d{4}-\d{2}-\d{2}$/;

/**
 * Throws an `InvalidRequestError` before anything is sent when the request asks a known model for a reasoning effort
 * or a verbosity the catalog says it does not accept (both problems named at once). Only exact catalog entries and
 * their dated snapshots are checked: a name that merely starts with a known id (`gpt-5-pro`, a newer point release)
 * or an unknown model passes, because the catalog cannot know what such a model accepts.
 */
export function checkReasoningOptions(
  request: Pick<ChatRequest, 'model' | 'reasoning' | 'reasoningEffort' | 'verbosity'>,
  options: CheckReasoningOptions = {},
): void {
  const effort = request.reasoning?.effort ?? request.reasoningEffort;
  const { verbosity } = request;
  if (effort === undefined && verbosity === undefined) return;
  const model = options.modelId ?? request.model;
  const info = (options.catalog ?? modelCatalog).find(model);
  if (!info || !isSameModel(model, info)) return;

  const problems: { param: string; message: string }[] = [];
  const { capabilities } = info;
  if (effort !== undefined) {
    const accepted = capabilities.reasoning ? capabilities.reasoningEfforts : [];
    if (accepted && !accepted.includes(effort)) {
      problems.push({
        param: 'reasoning.effort',
        message:
          accepted.length === 0
            ? `${info.id} is not a reasoning model and takes no reasoning effort (got "${effort}")`
            : `${info.id} accepts reasoning effort ${accepted.map((e) => `"${e}"`).join(', ')} (got "${effort}")`,
      });
    }
  }
  if (verbosity !== undefined && capabilities.verbosity === false) {
    problems.push({ param: 'verbosity', message: `${info.id} does not accept verbosity (got "${verbosity}")` });
  }
  const first = problems[0];
  if (!first) return;
  throw new InvalidRequestError({
    message: `Unsupported reasoning options: ${problems.map((p) => `${p.param}: ${p.message}`).join('; ')}.`,
    param: first.param,
    provider: options.provider,
    source: 'client',
  });
}

function isSameModel(model: string, info: ModelInfo): boolean {
  if (model === info.id) return true;
  return model.startsWith(info.id) && SNAPSHOT_SUFFIX.test(model.slice(info.id.length));
}
