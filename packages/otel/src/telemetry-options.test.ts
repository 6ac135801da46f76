import { describe, expect, it } from 'vitest';
import { checkTelemetryOptions } from './telemetry-options.js';

describe('checkTelemetryOptions', () => {
  it('accepts nothing, and valid options as they are', () => {
    expect(checkTelemetryOptions(undefined)).toEqual({});
    const options = { captureContent: true, server: new URL('https://api.openai.com/v1') };
    expect(checkTelemetryOptions(options)).toBe(options);
  });

  it('rejects non-objects and names every bad field, suggesting only near names', () => {
    expect(() => checkTelemetryOptions(null)).toThrow(/options object/);
    let message = '';
    try {
      checkTelemetryOptions({ catalog: 1, server: 42, zzzzzzzzzz: 1, Tracer: 1 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('catalog: must be a ModelCatalog');
    expect(message).toContain('server: must be an absolute URL');
    expect(message).toContain('zzzzzzzzzz: is not a known option');
    expect(message).not.toContain('zzzzzzzzzz: is not a known option (did you mean');
    expect(message).toContain('Tracer: is not a known option (did you mean tracer?)');
  });
});
