import { describe, expect, it } from 'vitest';
import { azureRealtimeUrl } from './azure-realtime-url.js';

describe('azureRealtimeUrl', () => {
  const resource = 'https://r.openai.azure.com';

  it('GA: /openai/v1/realtime?model=', () => {
    expect(azureRealtimeUrl(resource, { kind: 'v1' }, 'rt')).toBe(
      'wss://r.openai.azure.com/openai/v1/realtime?model=rt',
    );
  });

  it('dated: /openai/realtime?api-version=&deployment=, with the name encoded', () => {
    expect(azureRealtimeUrl(resource, { kind: 'dated', apiVersion: '2025-04-01-preview' }, 'rt one')).toBe(
      'wss://r.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=rt+one',
    );
  });

  it('ws:// for a local http endpoint', () => {
    expect(azureRealtimeUrl('http://127.0.0.1:9', { kind: 'v1' }, 'rt')).toBe(
      'ws://127.0.0.1:9/openai/v1/realtime?model=rt',
    );
  });
});
