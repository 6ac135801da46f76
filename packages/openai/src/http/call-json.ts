import type { CallOptions } from '@switchboard/core';
import type { z } from 'zod';
import type { ProviderContext, ResponseInfo, SdkRequestOptions } from '../provider/provider-context.js';
import { linkSignal } from './link-signal.js';
import { parseJsonText, parseJsonValue } from './parse-json-body.js';

/** Something the SDK returns that can give the raw `Response` (its `APIPromise`). */
export interface RawResponseSource {
  asResponse(): Promise<Response>;
}

/**
 * Runs one SDK call and reads its raw response: headers for the request id and rate limits, the body parsed with a
 * zod schema (`json` is the body as received, every field included). Every failure (HTTP error, network, timeout, abort, bad JSON) comes out as a core error.
 */
export async function callJson<S extends z.ZodType>(
  context: ProviderContext,
  call: CallOptions,
  send: (options: SdkRequestOptions) => RawResponseSource,
  schema: S,
  what: string,
): Promise<ResponseInfo & { data: z.output<S>; json: unknown; headers: Headers }> {
  const linked = linkSignal(call.signal);
  try {
    const response = await send(context.requestOptions(call, linked.signal)).asResponse();
    const info = context.responseInfo(response, call);
    const text = await response.text();
    const where = { provider: context.provider, what, requestId: info.requestId };
    const json = parseJsonText(text, where);
    return { ...info, data: parseJsonValue(json, schema, { ...where, raw: text }), json, headers: response.headers };
  } catch (error) {
    throw context.mapError(error, call, linked.signal);
  } finally {
    linked.dispose();
  }
}
