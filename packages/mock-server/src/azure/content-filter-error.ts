import { ApiError } from '../http/api-error.js';
import { BLOCKED_PROMPT_RESULTS } from './content-filter.js';

const MESSAGE =
  "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766";

/**
 * The HTTP 400 Azure answers when the prompt is blocked. The real body also carries `"type": null`, which the Azure
 * spec (type: string) rejects, so the mock leaves `type` out; everything else is as the service sends it.
 */
export function blockedPromptError(): ApiError {
  return new ApiError(
    400,
    { message: MESSAGE, type: 'invalid_request_error', param: 'prompt', code: 'content_filter' },
    {
      azureBody: {
        error: {
          message: MESSAGE,
          param: 'prompt',
          code: 'content_filter',
          status: 400,
          innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: BLOCKED_PROMPT_RESULTS },
        },
      },
    },
  );
}
