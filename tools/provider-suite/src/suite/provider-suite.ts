import { describe } from 'vitest';
import { describeBatches } from './batch-suite.js';
import { describeChat } from './chat-suite.js';
import { describeConnection } from './connection-suite.js';
import { describeEmbeddings } from './embeddings-suite.js';
import { describeFaults } from './faults-suite.js';
import { useHarness } from './harness.js';
import { describeImages } from './images-suite.js';
import { describeResponses } from './responses-suite.js';
import { describeStream } from './stream-suite.js';
import type { SuiteTarget } from './suite-target.js';

/**
 * The provider integration suite, parameterised by provider: every method against @switchboard/mock-server over
 * loopback, every failure mapped to its typed error, and every request body checked against the OpenAPI spec.
 */
export function describeProviderSuite(target: SuiteTarget): void {
  describe(`${target.name} provider on the mock server`, () => {
    const harness = useHarness(target, target.serverOptions);
    describeChat(target, harness);
    describeStream(target, harness);
    describeEmbeddings(target, harness);
    describeImages(target, harness);
    describeConnection(target, harness);
    describeBatches(target, harness);
  });
  describe(`${target.name} provider failures on the mock server`, () => {
    const harness = useHarness(target, { ...target.serverOptions, apiKeys: [target.goodKey], strictModels: true });
    describeFaults(target, harness);
  });
}

/**
 * The Responses API suite (`describeResponses`) on its own mock server, for a target whose `createProvider` honours
 * `overrides.api`.
 */
export function describeResponsesSuite(target: SuiteTarget): void {
  describe(`${target.name} provider over the Responses API on the mock server`, () => {
    const harness = useHarness(target, target.serverOptions);
    describeResponses(target, harness);
  });
}
