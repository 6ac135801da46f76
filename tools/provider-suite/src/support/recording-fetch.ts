/** One request the provider sent, as the test saw it on the way out. */
export interface CapturedRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The body as text (a streamed body is read from a tee'd copy), or undefined for none. */
  body: string | undefined;
}

/** A fetch that forwards to the real one and records every request with its body. */
export interface RecordingFetch {
  fetch: typeof fetch;
  /** Requests recorded so far (streamed bodies complete once `settled()` resolves). */
  requests: CapturedRequest[];
  /** Waits for every streamed body copy to be read. */
  settled(): Promise<void>;
  /** Forgets the recorded requests. */
  clear(): void;
}

async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/**
 * Wraps `fetch` so tests can check what the provider really sent: bodies are recorded, a streamed body is tee'd (one
 * branch goes to the server, the other is read here), everything else is forwarded untouched.
 */
export function createRecordingFetch(inner: typeof fetch = globalThis.fetch): RecordingFetch {
  const requests: CapturedRequest[] = [];
  const pending: Promise<void>[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input));
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers ?? request?.headers);
    const captured: CapturedRequest = { method, url, headers, body: undefined };
    requests.push(captured);
    let body = init?.body;
    if (body instanceof ReadableStream) {
      const [forward, copy] = body.tee();
      body = forward;
      pending.push(
        readText(copy).then(
          (text) => {
            captured.body = text;
          },
          () => {},
        ),
      );
    } else if (typeof body === 'string') captured.body = body;
    else if (body instanceof Uint8Array || body instanceof ArrayBuffer) captured.body = new TextDecoder().decode(body);
    else if (body !== undefined && body !== null) captured.body = await new Response(body).text();
    return inner(input, init ? { ...init, body } : init);
  };
  return {
    fetch: recording,
    requests,
    async settled() {
      await Promise.all(pending);
    },
    clear() {
      requests.length = 0;
      pending.length = 0;
    },
  };
}
