// Entry point for the bundles run from the command line: reads its settings from SMOKE_CONFIG (JSON), runs the smoke
// and prints one `SMOKE_RESULT {...}` line for the harness. Exits non-zero when a check failed.
import { runSmoke } from './smoke.mjs';

const config = JSON.parse(readEnv('SMOKE_CONFIG'));
// In a bundle the tokenizer cannot read tiktoken's WASM from node_modules: the harness serves it over HTTP.
const wasmUrl = config.tiktokenWasmUrl;
const result = await runSmoke({ ...config, tokenizerWasm: wasmUrl ? () => fetch(wasmUrl) : undefined });
console.log(`SMOKE_RESULT ${JSON.stringify(result)}`);
if (!result.ok && globalThis.process) globalThis.process.exitCode = 1;

function readEnv(name) {
  const value = globalThis.Deno?.env.get(name) ?? globalThis.process?.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
