import { NetworkError, TimeoutError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { classifyDrop } from './classify-drop.js';

describe('classifyDrop', () => {
  it('ends the session when an open socket is closed normally by the server', () => {
    const outcome = classifyDrop({ code: 1000, reason: 'bye' }, undefined, true, 'openai');
    expect(outcome).toMatchObject({ end: { code: 1000, reason: 'bye' } });
    expect('end' in outcome && outcome.end.error).toBeUndefined();
    expect('end' in outcome && outcome.pendingError).toBeInstanceOf(NetworkError);
  });

  it('ends the session on a close code that is not worth reconnecting for', () => {
    const outcome = classifyDrop({ code: 1008, reason: 'policy' }, undefined, true, 'openai');
    expect('end' in outcome && outcome.end.error?.message).toContain('policy');
    expect('end' in outcome && outcome.end.error?.retryable).toBe(false);
  });

  it('retries an abnormal close, open or not', () => {
    for (const wasOpen of [true, false]) {
      const outcome = classifyDrop({ code: 1006, reason: '' }, undefined, wasOpen, 'openai');
      expect('retry' in outcome && outcome.retry).toBeInstanceOf(NetworkError);
    }
  });

  it('lets the failure decide: retryable ones retry, others end the session', () => {
    const timeout = new TimeoutError({ phase: 'idle', timeoutMs: 5, message: 'silent', provider: 'openai' });
    expect(classifyDrop({ code: 1000, reason: '' }, timeout, true, 'openai')).toEqual({ retry: timeout });
    const refused = new NetworkError({ message: 'refused', provider: 'openai', retryable: false });
    expect(classifyDrop({ code: 1006, reason: '' }, refused, false, 'openai')).toEqual({
      end: { code: 1006, reason: '', error: refused },
    });
  });
});
