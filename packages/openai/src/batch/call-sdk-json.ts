import type { CallOptions } from '@switchboard/core';
import type { OpenAI } from 'openai';
import type { z } from 'zod';
import { linkSignal } from '../http/link-signal.js';
import { parseJsonText, parseJsonValue } from '../http/parse-json-body.js';
import type { ProviderContext, ResponseInfo, SdkRequestOptions } from '../provider/provider-context.js';

/** Something the SDK returns that can give the raw `Response` (its `APIPromise`). */
export interface RawResponseSource {
  asResponse(): Promise<Response>;
}

/**
 * Runs one files or batches call through the SDK's files client (loaded on first use) and reads its raw response:
 * headers for the request id and rate limits, the body parsed with a zod schema. Every failure (HTTP error, network,
 * timeout, abort, bad JSON) comes out as a core error.
 */
export async function callSdkJson<S extends z.ZodType>(
  context: ProviderContext,
  call: CallOptions,
  send: (client: OpenAI, options: SdkRequestOptions) => RawResponseSource,
  schema: S,
  what: string,
): Promise<ResponseInfo & { data: z.output<S> }> {
  const linked = linkSignal(call.signal);
  try {
    const client = await context.filesClient();
    const response = await send(client, context.requestOptions(call, linked.signal)).asResponse();
    const info = context.responseInfo(response, call);
    const text = await response.text();
    const where = { provider: context.provider, what, requestId: info.requestId };
    return { ...info, data: parseJsonValue(parseJsonText(text, where), schema, { ...where, raw: text }) };
  } catch (error) {
    throw context.mapError(error, call, linked.signal);
  } finally {
    linked.dispose();
  }
}
