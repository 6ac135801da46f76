import { type ChatRequest, InvalidRequestError, UnsupportedError } from '@switchboard/core';
import { z } from 'zod';
import type { ProviderContext } from './provider-context.js';

/** The wire APIs a chat call can go over: Chat Completions (the default) or the Responses API. */
export const WIRE_APIS = ['chat-completions', 'responses'] as const;

/** A wire API of `chat` and `streamChat`. */
export type WireApi = (typeof WIRE_APIS)[number];

/** The `api` option of the OpenAI and Azure providers. */
export const wireApiSchema = z.enum(WIRE_APIS, {
  message: `must be ${WIRE_APIS.map((api) => `'${api}'`).join(' or ')}`,
});

/** The wire API a request goes over and the request without the `api` selector in its provider options. */
export interface SelectedApi {
  api: WireApi;
  request: ChatRequest;
}

/**
 * Picks the wire API of one call: `providerOptions[key].api` when given, else the provider's `api` option. The
 * selector is taken out of the provider options (everything else there is passed through into the body). An unknown
 * value is an `InvalidRequestError`; Responses where the provider cannot speak it (an Azure dated GA api-version) is an
 * `UnsupportedError` naming the fix.
 */
export function selectWireApi(context: ProviderContext, request: ChatRequest): SelectedApi {
  const key = context.providerOptionsKey;
  const options = request.providerOptions?.[key];
  let api: WireApi = context.config.api ?? 'chat-completions';
  let selected = request;
  if (options && 'api' in options) {
    const { api: requested = api, ...rest } = options;
    const parsed = wireApiSchema.safeParse(requested);
    if (!parsed.success) {
      throw new InvalidRequestError({
        message: `providerOptions.${key}.api must be 'chat-completions' or 'responses' (got ${JSON.stringify(requested)}).`,
        param: `providerOptions.${key}.api`,
        provider: context.provider,
        source: 'client',
      });
    }
    api = parsed.data;
    selected = { ...request, providerOptions: { ...request.providerOptions, [key]: rest } };
  }
  const unsupported = context.config.responsesUnsupported;
  if (api === 'responses' && unsupported) {
    throw new UnsupportedError({ message: unsupported, provider: context.provider });
  }
  return { api, request: selected };
}
