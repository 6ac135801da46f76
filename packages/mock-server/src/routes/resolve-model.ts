import { ApiError } from '../http/api-error.js';
import { type JsonBody, requireModel } from '../http/fields.js';
import type { Surface } from '../http/router.js';
import type { MockState } from '../server/state.js';

/** The model a request addresses: the name its limits are kept under, and the name responses report. */
export interface ResolvedModel {
  /** OpenAI: the model id; Azure: the deployment name. */
  name: string;
  /** The model name put in responses (Azure: the deployment's model). */
  reported: string;
}

/**
 * Finds the model or deployment: the path's deployment on Azure dated URLs, else `model` in the body (Azure v1 uses
 * the deployment name as `model`). Unknown names get the real 404s when the server is strict about them.
 */
export function resolveModel(
  state: MockState,
  surface: Surface,
  deployment: string | undefined,
  body: JsonBody,
): ResolvedModel {
  if (surface === 'azure') {
    const name = deployment ?? requireModel(body);
    const deployments = state.deployments;
    if (deployments) {
      const model = deployments[name];
      if (model === undefined) {
        throw new ApiError(
          404,
          {
            message:
              'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
            type: 'invalid_request_error',
            code: 'DeploymentNotFound',
          },
          {
            azureBody: {
              error: {
                code: 'DeploymentNotFound',
                message:
                  'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
              },
            },
          },
        );
      }
      return { name, reported: model };
    }
    return { name, reported: name };
  }
  const name = requireModel(body);
  if (state.strictModels && !state.models.includes(name)) {
    throw new ApiError(404, {
      message: `The model \`${name}\` does not exist or you do not have access to it.`,
      type: 'invalid_request_error',
      code: 'model_not_found',
    });
  }
  return { name, reported: name };
}
