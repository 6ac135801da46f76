import { describe, expect, it } from 'vitest';
import { realtimeUrl } from './realtime-url.js';

describe('realtimeUrl', () => {
  it('turns the API base URL into the realtime WebSocket URL', () => {
    expect(realtimeUrl('https://api.openai.com/v1', 'gpt-realtime')).toBe(
      'wss://api.openai.com/v1/realtime?model=gpt-realtime',
    );
    expect(realtimeUrl('http://127.0.0.1:8080/v1/', 'm')).toBe('ws://127.0.0.1:8080/v1/realtime?model=m');
  });

  it('drops an existing query and adds extra parameters after the model', () => {
    expect(realtimeUrl('https://r.openai.azure.com/openai?x=1', 'dep', { 'api-version': '2024-10-21' })).toBe(
      'wss://r.openai.azure.com/openai/realtime?model=dep&api-version=2024-10-21',
    );
  });
});
