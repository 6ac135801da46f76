import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withHooks } from '../hooks/with-hooks.js';
import type { Logger } from '../logging/logger.js';
import { redactingLogger } from '../logging/redacting-logger.js';
import type { Provider } from '../types/provider.js';
import { ServerError } from './error-classes.js';
import { registerSecret, registerUrlSecrets } from './redact.js';
import { toSwitchboardError } from './to-switchboard-error.js';

/** Canary values of shapes no pattern knows: only masking by value can catch them. */
const KEY = 'azk-CANARY-9f8e7d';
const TOKEN = 'gw.CANARY.tok3n.55aa';
const URL_PASSWORD = 'p@ss CANARY/77';

/** Every way an error can be shown, joined: none may contain a canary. */
function everything(error: Error): string {
  const cause = error.cause as Error | undefined;
  const deeper = cause?.cause as Error | undefined;
  return [
    error.message,
    error.stack,
    String(error),
    `${error}`,
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    cause?.message,
    cause?.stack,
    deeper?.message,
    deeper?.stack,
    inspect(cause, { depth: 10 }),
  ].join('\n');
}

describe('secrets masked by value', () => {
  registerSecret(KEY);
  registerSecret(TOKEN);
  registerUrlSecrets(`https://gateway-user:${encodeURIComponent(URL_PASSWORD)}@gateway.example/v1`);

  it('masks a registered key of any shape in message, stack, toJSON, inspect, String and the cause chain', () => {
    const upstream = new Error(`upstream rejected ${KEY}`, { cause: new Error(`deeper: Bearer ${TOKEN}; ${KEY}`) });
    const error = new ServerError({ message: `The server echoed ${KEY}`, provider: 'gateway', cause: upstream });
    const shown = everything(error);
    for (const canary of [KEY, TOKEN]) expect(shown).not.toContain(canary);
    expect(error.message).toContain('azk-***');
    expect(error.cause).toBe(upstream);
    expect(upstream).toBeInstanceOf(Error);
  });

  it('masks a key inside an error thrown by an apiKey() or tokenProvider() function', async () => {
    const apiKey = async (): Promise<string> => {
      throw new TypeError(`vault returned a malformed secret: ${TOKEN}`);
    };
    const thrown = await apiKey().catch((error: unknown) => error);
    const error = toSwitchboardError(thrown, 'azure');
    expect(everything(error)).not.toContain(TOKEN);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('masks the userinfo of a baseURL, raw and percent-encoded, and string causes', () => {
    const encoded = encodeURIComponent(URL_PASSWORD);
    const error = new ServerError({
      message: `fetch https://gateway-user:${encoded}@gateway.example/v1 failed (${URL_PASSWORD})`,
      cause: `raw ${URL_PASSWORD}`,
    });
    const shown = everything(error) + String(error.cause);
    expect(shown).not.toContain(encoded);
    expect(shown).not.toContain(URL_PASSWORD);
  });

  it('masks hook events and log lines', async () => {
    const failing: Provider = {
      name: 'gateway',
      chat: async () => {
        throw new Error(`401 for key ${KEY}`);
      },
      streamChat: () => {
        throw new Error('unused');
      },
    };
    const events: unknown[] = [];
    const lines: unknown[] = [];
    const logger: Logger = {
      debug: () => {},
      info: () => {},
      warn: (...args: unknown[]) => lines.push(args),
      error: () => {},
    };
    const hooked = withHooks(
      failing,
      [
        { onError: (event) => events.push(event) },
        {
          onError: () => {
            throw new Error(`hook saw ${KEY}`);
          },
        },
      ],
      { logger },
    );
    await expect(hooked.chat({ model: 'm', messages: [] })).rejects.toThrow();
    expect(inspect(events, { depth: 10 }) + JSON.stringify(events)).not.toContain(KEY);
    expect(JSON.stringify(lines)).not.toContain(KEY);
    expect(lines).toHaveLength(1);
    const own: unknown[] = [];
    redactingLogger({ ...logger, info: (...args: unknown[]) => own.push(args) }).info(
      { key: KEY, nested: [TOKEN] },
      KEY,
    );
    expect(JSON.stringify(own)).not.toContain(KEY);
    expect(JSON.stringify(own)).not.toContain(TOKEN);
  });

  it('ignores values too short to mask safely', () => {
    registerSecret('abc');
    registerSecret(undefined);
    registerUrlSecrets('not a url');
    registerUrlSecrets(undefined);
    expect(new ServerError({ message: 'abc stays' }).message).toBe('abc stays');
  });
});
