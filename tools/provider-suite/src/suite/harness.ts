import type { Provider } from '@switchboard/core';
import { type MockServer, type MockServerOptions, startMockServer } from '@switchboard/mock-server';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createRecordingFetch, type RecordingFetch } from '../support/recording-fetch.js';
import type { ProviderOverrides, SuiteTarget } from './suite-target.js';

/** A mock server for one test file, a recording fetch, and providers built over both. */
export interface Harness {
  /** The running server (set in beforeAll). */
  readonly server: MockServer;
  /** Every request the providers sent in the current test. */
  readonly recorder: RecordingFetch;
  /** A provider for the current test. */
  provider(overrides?: Partial<ProviderOverrides>): Provider;
  /**
   * A provider whose requests are recorded (and validated) but answered by `answer` instead of the server: for
   * failures the mock server cannot produce.
   */
  providerAnswering(answer: () => Response, overrides?: Partial<ProviderOverrides>): Provider;
}

/**
 * Starts a mock server for the file, and after every test checks that each request body the provider sent validates
 * against the OpenAPI request schemas (unknown fields rejected), then resets the server.
 */
export function useHarness(target: SuiteTarget, options: MockServerOptions = {}): Harness {
  let server: MockServer | undefined;
  const recorder = createRecordingFetch();
  beforeAll(async () => {
    server = await startMockServer(options);
  });
  afterEach(async () => {
    await recorder.settled();
    const problems = recorder.requests.flatMap((request) => target.validateRequest(request));
    recorder.clear();
    server?.control.reset();
    server?.control.setLatency({ timeToFirstTokenMs: 0, interChunkMs: 0 });
    expect(problems, 'request bodies must validate against the OpenAPI spec').toEqual([]);
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the mock server is not running yet');
      return server;
    },
    recorder,
    provider(overrides = {}) {
      return target.createProvider(this.server, { fetch: recorder.fetch, ...overrides });
    },
    providerAnswering(answer, overrides = {}) {
      const canned = createRecordingFetch(async () => answer());
      const fetch: typeof globalThis.fetch = async (input, init) => {
        const response = await canned.fetch(input, init);
        await canned.settled();
        recorder.requests.push(...canned.requests);
        canned.clear();
        return response;
      };
      return target.createProvider(this.server, { fetch, ...overrides });
    },
  };
}

/** Waits until `check` is true, polling every 10 ms, for at most `limitMs`. */
export async function waitFor(check: () => boolean, limitMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
}

/** The JSON bodies of the recorded requests to a path ending in `suffix`. */
export function sentBodies(recorder: RecordingFetch, suffix: string): Record<string, unknown>[] {
  return recorder.requests
    .filter((request) => request.url.pathname.endsWith(suffix) && request.body !== undefined)
    .map((request) => JSON.parse(request.body as string) as Record<string, unknown>);
}
