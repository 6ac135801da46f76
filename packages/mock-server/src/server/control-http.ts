import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from '../faults/fault-spec.js';
import { readBody } from '../http/read-body.js';
import type { LatencyOptions, RateLimitOptions } from '../options.js';
import { isJsonObject } from '../vocabulary/json.js';
import type { MockControl } from './control.js';

/** Prefix of the control endpoints. */
export const CONTROL_PREFIX = '/__mock';

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, ['content-type', 'application/json', 'content-length', String(Buffer.byteLength(text))]);
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req, 1024 * 1024);
  if (raw.length === 0) return {};
  const value: unknown = JSON.parse(raw.toString('utf8'));
  if (!isJsonObject(value)) throw new TypeError('body must be a JSON object');
  return value as Record<string, unknown>;
}

/**
 * The control API over HTTP, so a benchmark, the demo or another process can drive a running server:
 * `GET|DELETE /__mock/requests`, `GET|POST|DELETE /__mock/faults`, `DELETE /__mock/faults/{id}`,
 * `PUT /__mock/fault-rate`, `PUT|DELETE /__mock/rate-limits`, `PUT /__mock/quota`, `PUT /__mock/latency`,
 * `POST /__mock/reset`, `GET /__mock/health`, `GET /__mock/stats`.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  control: MockControl,
): Promise<void> {
  const route = `${req.method} ${path.slice(CONTROL_PREFIX.length) || '/'}`;
  try {
    if (route === 'GET /health') return send(res, 200, { ok: true });
    if (route === 'GET /stats') return send(res, 200, control.stats());
    if (route === 'GET /requests') {
      const filter = Object.fromEntries(
        ['route', 'method', 'surface', 'path'].flatMap((key) => (query.has(key) ? [[key, query.get(key)]] : [])),
      );
      return send(res, 200, { requests: control.requests(filter) });
    }
    if (route === 'DELETE /requests') {
      control.clearRequests();
      return send(res, 200, { ok: true });
    }
    if (route === 'GET /faults') return send(res, 200, { faults: control.faults.list() });
    if (route === 'POST /faults') {
      const body = await readJson(req);
      const specs = Array.isArray(body.faults) ? body.faults : [body];
      const ids = specs.map((spec) => control.faults.add(spec as FaultSpec));
      return send(res, 201, { ids });
    }
    if (route === 'DELETE /faults') {
      control.faults.clear();
      return send(res, 200, { ok: true });
    }
    if (req.method === 'DELETE' && route.startsWith('DELETE /faults/')) {
      const removed = control.faults.remove(decodeURIComponent(route.slice('DELETE /faults/'.length)));
      return send(res, removed ? 200 : 404, { removed });
    }
    if (route === 'PUT /fault-rate') {
      const { rate } = await readJson(req);
      control.faults.setFaultRate(Number(rate));
      return send(res, 200, { ok: true });
    }
    if (route === 'PUT /rate-limits') {
      control.rateLimits.configure((await readJson(req)) as RateLimitOptions);
      return send(res, 200, { ok: true });
    }
    if (route === 'DELETE /rate-limits') {
      control.rateLimits.reset();
      return send(res, 200, { ok: true });
    }
    if (route === 'PUT /quota') {
      const { exceeded, apiKey } = await readJson(req);
      control.rateLimits.setQuotaExceeded(exceeded !== false, typeof apiKey === 'string' ? apiKey : undefined);
      return send(res, 200, { ok: true });
    }
    if (route === 'PUT /latency') {
      control.setLatency((await readJson(req)) as LatencyOptions);
      return send(res, 200, { ok: true });
    }
    if (route === 'POST /reset') {
      control.reset();
      return send(res, 200, { ok: true });
    }
    send(res, 404, {
      error: { message: `Unknown control route ${route}`, type: 'invalid_request_error', param: null, code: null },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    send(res, 400, { error: { message, type: 'invalid_request_error', param: null, code: null } });
  }
}
