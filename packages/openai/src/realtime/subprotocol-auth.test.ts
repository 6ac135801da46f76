import { describe, expect, it } from 'vitest';
import { headersToSubprotocols, secretSubprotocols } from './subprotocol-auth.js';

describe('subprotocol auth', () => {
  it('offers a client secret beside the realtime subprotocol', () => {
    expect(secretSubprotocols('ek_1')).toEqual(['realtime', 'openai-insecure-api-key.ek_1']);
  });

  it('rewrites bearer, api-key, organization and project headers; drops the rest', () => {
    expect(
      headersToSubprotocols({
        Authorization: 'Bearer sk-a',
        'OpenAI-Organization': 'org_1',
        'OpenAI-Project': 'proj_1',
        'x-other': 'dropped',
      }),
    ).toEqual(['realtime', 'openai-insecure-api-key.sk-a', 'openai-organization.org_1', 'openai-project.proj_1']);
    expect(headersToSubprotocols({ 'api-key': 'azure-key' })).toEqual([
      'realtime',
      'openai-insecure-api-key.azure-key',
    ]);
    expect(headersToSubprotocols({ Authorization: 'Basic x' })).toEqual(['realtime']);
  });
});
