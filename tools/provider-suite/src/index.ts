// The shared provider test suite: one set of tests over the mock server that every OpenAI-compatible provider
// (openai, azure) runs with its own target, plus the recording fetch, the request validator and the recorded streams.

export { describeBatches } from './suite/batch-suite.js';
export { describeChat, PNG_1X1 } from './suite/chat-suite.js';
export { describeConnection, tryUpgrade } from './suite/connection-suite.js';
export { describeEmbeddings } from './suite/embeddings-suite.js';
export { describeFaults } from './suite/faults-suite.js';
export type { Harness } from './suite/harness.js';
export { sentBodies, useHarness, waitFor } from './suite/harness.js';
export { describeImages } from './suite/images-suite.js';
export { describeProviderSuite, describeResponsesSuite } from './suite/provider-suite.js';
export { describeResponses } from './suite/responses-suite.js';
export { describeStream } from './suite/stream-suite.js';
export type { ProviderOverrides, SuiteTarget } from './suite/suite-target.js';
export { SUITE_MODELS } from './suite/suite-target.js';
export { failure } from './support/failure.js';
export type { AssembledStream, StreamFixture } from './support/fixtures.js';
export { assembleOracle, chunkedStream, loadChatStreamFixtures, readFixture } from './support/fixtures.js';
export type { CapturedRequest, RecordingFetch } from './support/recording-fetch.js';
export { createRecordingFetch } from './support/recording-fetch.js';
export { parseMultipart, validateBatchLines, validateOpenAIRequest } from './support/validate-openai-request.js';
