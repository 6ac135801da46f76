import { ConfigError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { byteLength } from './byte-length.js';
import { assertSafeUrl } from './safe-url.js';

describe('assertSafeUrl', () => {
  it('accepts ws/wss URLs and converts http/https', () => {
    expect(assertSafeUrl('wss://api.openai.com/v1/realtime?model=gpt-realtime')).toBe(
      'wss://api.openai.com/v1/realtime?model=gpt-realtime',
    );
    expect(assertSafeUrl('http://127.0.0.1:1/v1/realtime?model=m')).toBe('ws://127.0.0.1:1/v1/realtime?model=m');
    expect(assertSafeUrl('https://x.openai.azure.com/openai/v1/realtime?model=d')).toMatch(/^wss:/);
  });

  it.each([
    'wss://host/realtime?model=m&api-key=secret',
    'wss://host/realtime?key=secret',
    'wss://user:pass@host/realtime',
    'ftp://host/realtime',
    'not a url',
  ])('refuses %s without echoing it', (url) => {
    expect(() => assertSafeUrl(url)).toThrow(ConfigError);
    try {
      assertSafeUrl(url);
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
      expect((error as Error).message).not.toContain('pass');
    }
  });
});

describe('byteLength', () => {
  it('counts UTF-8 bytes', () => {
    expect(byteLength('aé€😀')).toBe(1 + 2 + 3 + 4);
  });
});
