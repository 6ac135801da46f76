/** The request id of an Azure response: `x-request-id`, or `apim-request-id` (the API gateway's) when it is missing. */
export function readAzureRequestId(headers: Headers): string | undefined {
  return headers.get('x-request-id') ?? headers.get('apim-request-id') ?? undefined;
}
