import { parseArgs } from 'node:util';
import type { MockServerOptions } from './options.js';

/** Usage text of `switchboard-mock`. */
export const USAGE = `switchboard-mock: a local OpenAI / Azure OpenAI compatible server on 127.0.0.1

Usage: switchboard-mock [options]

  --port <n>          port to listen on (default 0: a free port)
  --latency <ms[,ms]> time to first token, and optionally time between chunks (e.g. 300,25)
  --rpm <n>           requests per minute per key and model/deployment
  --tpm <n>           tokens per minute per key and model/deployment
  --mode <mode>       openai (default) or azure: rate limits over 10-second windows
  --fault-rate <p>    probability (0..1) that any request fails with a 500
  --api-key <key>     accept only this key (repeatable; default: any key)
  --seed <n>          default seed for answers
  --cors-origin <o>   allow this browser origin (repeatable; default: any origin, '*')
  --help              show this help

Control API: GET|POST|DELETE /__mock/faults, GET /__mock/requests, PUT /__mock/latency, ... (see README).`;

/** What the command line asks for. */
export type CliCommand = { help: true } | { help: false; options: MockServerOptions };

function integer(name: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new TypeError(`--${name} must be an integer >= ${min}, got "${text}"`);
  return value;
}

/** Parses `switchboard-mock` arguments into server options; throws a TypeError naming the bad flag. */
export function parseCliArgs(argv: string[]): CliCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      latency: { type: 'string' },
      rpm: { type: 'string' },
      tpm: { type: 'string' },
      mode: { type: 'string' },
      'fault-rate': { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      seed: { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const mode = values.mode ?? 'openai';
  if (mode !== 'openai' && mode !== 'azure') throw new TypeError(`--mode must be openai or azure, got "${mode}"`);
  const options: MockServerOptions = { mode, port: integer('port', values.port) ?? 0 };
  if (options.port !== undefined && options.port > 65_535) throw new TypeError('--port must be at most 65535');
  if (values.latency !== undefined) {
    const [first, between, ...rest] = values.latency.split(',');
    if (rest.length > 0) throw new TypeError('--latency takes one or two numbers: ttft[,interChunk]');
    options.latency = { timeToFirstTokenMs: integer('latency', first), interChunkMs: integer('latency', between) ?? 0 };
  }
  const rpm = integer('rpm', values.rpm, 1);
  const tpm = integer('tpm', values.tpm, 1);
  if (rpm !== undefined || tpm !== undefined) options.rateLimits = { rpm, tpm, mode };
  if (values['fault-rate'] !== undefined) {
    const rate = Number(values['fault-rate']);
    if (!(rate >= 0 && rate <= 1))
      throw new TypeError(`--fault-rate must be between 0 and 1, got "${values['fault-rate']}"`);
    options.faultRate = rate;
  }
  if (values['api-key']) options.apiKeys = values['api-key'];
  const seed = integer('seed', values.seed);
  if (seed !== undefined) options.seed = seed;
  const origins = values['cors-origin'];
  if (origins) {
    for (const origin of origins) {
      if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
        throw new TypeError(`--cors-origin must be '*' or an origin like http://localhost:5173, got "${origin}"`);
      }
    }
    options.corsOrigins = origins.includes('*') ? '*' : origins;
  }
  return { help: false, options };
}
