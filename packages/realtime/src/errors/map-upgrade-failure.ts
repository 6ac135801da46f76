import { errorFromHttpStatus, lazySchema, type SwitchboardError } from '@switchboard/core';
import type { z } from 'zod';

/** An HTTP answer to a WebSocket upgrade that refused it. */
export interface UpgradeFailure {
  /** The HTTP status. */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** The response body (it may be cut short). */
  body: string;
  /** The provider name, for the error. */
  provider?: string;
}

/** Both the OpenAI (`{ error: { message, type, code } }`) and the Azure (`{ error: { code, message } }`) shapes. */
const errorBodySchema = lazySchema((z) =>
  z.object({
    error: z.looseObject({
      message: z.string().optional(),
      code: z.union([z.string(), z.number()]).nullable().optional(),
      type: z.string().nullable().optional(),
      param: z.string().nullable().optional(),
    }),
  }),
);

/** Turns a refused upgrade into the typed error the HTTP providers would throw for the same status. */
export function mapUpgradeFailure(failure: UpgradeFailure): SwitchboardError {
  const detail = parseBody(failure.body);
  const code = detail?.code === undefined || detail.code === null ? undefined : String(detail.code);
  const message = `Realtime connection refused (HTTP ${failure.status}${code ? ` ${code}` : ''}): ${
    detail?.message ?? 'no error message'
  }`;
  const options = {
    message,
    status: failure.status,
    provider: failure.provider,
    requestId: header(failure.headers, 'x-request-id') ?? header(failure.headers, 'apim-request-id'),
    retryAfterMs: retryAfterMs(failure.headers),
  };
  return errorFromHttpStatus({ status: failure.status, code, type: detail?.type, param: detail?.param }, options);
}

function parseBody(body: string): z.infer<typeof errorBodySchema>['error'] | undefined {
  try {
    const result = errorBodySchema.safeParse(JSON.parse(body));
    return result.success ? result.data.error : undefined;
  } catch {
    return undefined;
  }
}

function header(headers: UpgradeFailure['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `retry-after-ms` first (OpenAI and Azure send it), then `retry-after` in seconds. */
function retryAfterMs(headers: UpgradeFailure['headers']): number | undefined {
  const ms = Number(header(headers, 'retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && header(headers, 'retry-after-ms') !== undefined) return ms;
  const seconds = Number(header(headers, 'retry-after'));
  if (Number.isFinite(seconds) && seconds >= 0 && header(headers, 'retry-after') !== undefined) return seconds * 1000;
  return undefined;
}
