import type { CallOptions } from '@switchboard/core';
import type { ProviderContext, ResponseInfo } from '../provider/provider-context.js';
import { type BodyCheck, checkJsonValue, parseJsonText } from './parse-json-body.js';
import type { TransportRequest } from './transport.js';

/**
 * Makes one inference call over the provider's transport and reads its response: headers for the request id and rate
 * limits, the body checked by a fast guard (`json` is the body as received, every field included). Every failure
 * (HTTP error, network, timeout, abort, bad JSON, wrong shape) comes out as a core error.
 */
export async function callJson<T>(
  context: ProviderContext,
  call: CallOptions,
  request: Pick<TransportRequest, 'method' | 'path' | 'body'>,
  check: BodyCheck<T>,
  what: string,
): Promise<ResponseInfo & { data: T; json: unknown; headers: Headers }> {
  const { response, text } = await context.text(request, call);
  const info = context.responseInfo(response, call);
  const where = { provider: context.provider, what, requestId: info.requestId };
  const json = parseJsonText(text, where);
  return { ...info, data: checkJsonValue(json, check, { ...where, raw: text }), json, headers: response.headers };
}
