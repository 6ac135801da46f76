import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { schedulerFor } from '../chat/stream-writer.js';
import type { RouteName } from '../faults/fault-spec.js';
import { answerPreflight, corsHeaders } from '../http/cors.js';
import { matchRoute } from '../http/router.js';
import type { MockServerOptions } from '../options.js';
import { attachRealtime, type RealtimeController } from '../realtime/index.js';
import { handleCancelBatch, handleCreateBatch, handleListBatches, handleRetrieveBatch } from '../routes/batches.js';
import { handleChat } from '../routes/chat.js';
import { handleCreateClientSecret } from '../routes/client-secrets.js';
import { handleEmbeddings } from '../routes/embeddings.js';
import {
  handleCreateFile,
  handleDeleteFile,
  handleFileContent,
  handleListFiles,
  handleRetrieveFile,
} from '../routes/files.js';
import { handleImages } from '../routes/images.js';
import { handleListModels, handleRetrieveModel } from '../routes/models.js';
import { handleCreateResponse, handleDeleteResponse, handleRetrieveResponse } from '../routes/responses.js';
import { serveImage } from '../routes/serve-image.js';
import { createControl, type MockControl } from './control.js';
import { CONTROL_PREFIX, handleControl } from './control-http.js';
import { dispatch, type RouteHandler } from './dispatch.js';
import { createState, type MockState } from './state.js';

/** A running mock server. */
export interface MockServer {
  /** OpenAI base URL, `http://127.0.0.1:PORT/v1` (pass as `baseURL` to `new OpenAI`). */
  readonly url: string;
  /** Azure resource endpoint, `http://127.0.0.1:PORT` (pass as `endpoint` to `new AzureOpenAI`; v1 GA is `${azureUrl}/openai/v1`). */
  readonly azureUrl: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly port: number;
  /** Faults, rate limits, latency and the request log (`control.realtime` drives the WebSocket side). */
  readonly control: MockControl;
  /** The Realtime WebSocket controller (same object as `control.realtime`). */
  readonly realtime: RealtimeController;
  /** The underlying node:http server (for attaching upgrade handlers). */
  readonly httpServer: Server;
  /** Stops listening, ends every open connection and timer. Resolves when closed. */
  close(): Promise<void>;
}

/**
 * Connections the kernel may hold before they are accepted. node's default (511) overflows when a test suite or a
 * load test opens thousands of connections at once: the kernel then drops the SYN and the client retries it 1 s (then
 * 3 s) later, which showed as a 2-second first-chunk p99 with 2,000 streams opened together. Linux caps this at
 * net.core.somaxconn (4096 by default since 5.4).
 */
const LISTEN_BACKLOG = 8192;

const HANDLERS = new Map<RouteName, RouteHandler>([
  ['chat.completions', handleChat],
  ['responses.create', handleCreateResponse],
  ['responses.retrieve', handleRetrieveResponse],
  ['responses.delete', handleDeleteResponse],
  ['realtime.client_secrets', handleCreateClientSecret],
  ['embeddings', handleEmbeddings],
  ['images.generations', handleImages],
  ['models.list', handleListModels],
  ['models.retrieve', handleRetrieveModel],
  ['files.create', handleCreateFile],
  ['files.list', handleListFiles],
  ['files.retrieve', handleRetrieveFile],
  ['files.content', handleFileContent],
  ['files.delete', handleDeleteFile],
  ['batches.create', handleCreateBatch],
  ['batches.retrieve', handleRetrieveBatch],
  ['batches.cancel', handleCancelBatch],
  ['batches.list', handleListBatches],
]);

/** Control and image answers write their own headers; CORS goes on first through the progressive API. */
function setCors(req: IncomingMessage, res: ServerResponse, state: MockState): void {
  if (req.headers.origin === undefined) return;
  const cors = corsHeaders(req.headers.origin, state.corsOrigins);
  for (let i = 0; i < cors.length; i += 2) res.setHeader(cors[i] as string, cors[i + 1] as string);
}

function onRequest(state: MockState, control: MockControl, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const queryString = q === -1 ? undefined : url.slice(q + 1);
  if (req.method === 'OPTIONS') {
    answerPreflight(req, res, state.corsOrigins);
    return;
  }
  if (path.startsWith(CONTROL_PREFIX)) {
    setCors(req, res, state);
    void handleControl(req, res, path, new URLSearchParams(queryString), control);
    return;
  }
  if (path.startsWith('/mock-files/')) {
    setCors(req, res, state);
    serveImage(req, res, path, state);
    return;
  }
  void dispatch(req, res, path, queryString, matchRoute(req.method ?? 'GET', path), HANDLERS, state);
}

/**
 * Starts an OpenAI- and Azure OpenAI-compatible server on 127.0.0.1 (port 0 by default: a free port).
 * Close it with `close()` (in afterAll/afterEach); an AbortSignal in `options.signal` closes it too.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  options.signal?.throwIfAborted();
  const state = createState(options);
  const httpServer = createServer({ keepAliveTimeout: 5_000, requestTimeout: 0 }, (req, res) =>
    onRequest(state, control, req, res),
  );
  const realtime = attachRealtime(httpServer, {
    apiKeys: options.apiKeys,
    azureDeployments: options.deployments ? Object.keys(options.deployments) : undefined,
    seed: state.seed,
    latency: { firstDeltaMs: state.latency.timeToFirstTokenMs, betweenDeltasMs: state.latency.interChunkMs },
    unhandledUpgrade: 'not-found',
    clientSecrets: state.clientSecrets,
    ...options.realtime,
    onUpgrade: (record) => {
      const entry = state.log.begin('GET', record.url, {}, record.connectionId ?? state.ids.next('req_'));
      entry.surface = record.route === 'openai' ? 'openai' : 'azure';
      entry.route = 'realtime';
      entry.status = record.status;
      options.realtime?.onUpgrade?.(record);
    },
  });
  const control = createControl(state, realtime);
  const scheduler = schedulerFor(state.sleeper);
  httpServer.on('connection', () => scheduler.noteConnection());
  httpServer.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen({ port: options.port ?? 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG }, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  state.origin = origin;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      state.sleeper.close();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await realtime.close();
      await closed;
    })();
    return closing;
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });
  return { url: `${origin}/v1`, azureUrl: origin, origin, port, control, realtime, httpServer, close };
}
