import { describeProviderSuite, describeResponsesSuite } from '@internal/provider-suite';
import { describe } from 'vitest';
import { azureSuiteTarget, DATED_VERSION, RESPONSES_PREVIEW_VERSION } from './support/azure-target.js';

// The same integration suite the OpenAI provider passes, on the mock server's Azure routes.
describe('v1 GA surface, api-key', () => {
  describeProviderSuite(azureSuiteTarget('v1', 'api-key'));
  describeResponsesSuite(azureSuiteTarget('v1', 'api-key'));
});

describe(`dated ${DATED_VERSION} surface, Entra ID token`, () => {
  describeProviderSuite(azureSuiteTarget(DATED_VERSION, 'entra'));
});

describe(`dated preview ${RESPONSES_PREVIEW_VERSION} surface (Responses at /openai/responses), api-key`, () => {
  describeResponsesSuite(azureSuiteTarget(RESPONSES_PREVIEW_VERSION, 'api-key'));
});
