import { ApiError } from './api-error.js';

/** The real 404 for a path or method the API does not have. */
export function unknownRoute(method: string, path: string): ApiError {
  return new ApiError(
    404,
    { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error' },
    { azureBody: { error: { code: '404', message: 'Resource not found' } } },
  );
}

/** The real 400 for a body that is not JSON. */
export function malformedJson(): ApiError {
  return new ApiError(400, {
    message:
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    type: 'invalid_request_error',
  });
}

/** The 500 for a bug in the mock itself (never a crash). */
export function internalError(): ApiError {
  return new ApiError(500, {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
  });
}
