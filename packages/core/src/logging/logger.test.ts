import { describe, expect, it } from 'vitest';
import { silentLogger } from './logger.js';

describe('silentLogger', () => {
  it('accepts both pino call forms and says nothing', () => {
    expect(() => {
      silentLogger.info('message');
      silentLogger.warn({ a: 1 }, 'message');
      silentLogger.debug({ a: 1 });
      silentLogger.error('x');
    }).not.toThrow();
  });
});
