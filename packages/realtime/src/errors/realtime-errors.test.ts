import { isSwitchboardError, NetworkError, ServerError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { ReconnectFailedError } from './reconnect-failed-error.js';
import { ResponseInterruptedError } from './response-interrupted-error.js';

describe('realtime errors', () => {
  it('ResponseInterruptedError is a retryable NetworkError naming the response and close code', () => {
    const error = new ResponseInterruptedError({ responseId: 'resp_1', closeCode: 1006, provider: 'openai' });
    expect(error).toBeInstanceOf(NetworkError);
    expect(isSwitchboardError(error)).toBe(true);
    expect(error.toJSON()).toMatchObject({ code: 'network', retryable: true, responseId: 'resp_1', closeCode: 1006 });
    expect(new ResponseInterruptedError({ closeCode: 1011 }).message).toContain('A requested response was interrupted');
  });

  it('ReconnectFailedError carries the attempts and the last error', () => {
    const last = new ServerError({ message: 'overloaded', status: 503 });
    const error = new ReconnectFailedError({ attempts: 1, lastError: last });
    expect(error.message).toBe('Could not restore the realtime connection after 1 attempt: overloaded');
    expect(error.toJSON()).toMatchObject({ attempts: 1, status: 503, retryable: false });
    expect(new ReconnectFailedError({ attempts: 2, lastError: last }).message).toContain('2 attempts');
  });
});
