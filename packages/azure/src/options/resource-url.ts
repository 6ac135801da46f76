/**
 * The resource URL (`https://{resource}.openai.azure.com`) from `endpoint` (anything after the host is dropped, so
 * `.../openai/v1/` works too) or from `resourceName`. One of them is present: the options schema checks that.
 */
export function resourceUrl(options: { endpoint?: string | undefined; resourceName?: string | undefined }): string {
  if (options.endpoint) return new URL(options.endpoint).origin;
  return `https://${options.resourceName}.openai.azure.com`;
}
