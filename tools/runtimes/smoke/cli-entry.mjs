// Entry point for command-line runtimes and bundles: reads its settings from SMOKE_CONFIG (JSON), runs the smoke
// and prints one `SMOKE_RESULT {...}` line for the harness. Exits non-zero when a check failed.
import { runSmoke } from './smoke.mjs';

const config = JSON.parse(readEnv('SMOKE_CONFIG'));
const result = await runSmoke(config);
console.log(`SMOKE_RESULT ${JSON.stringify(result)}`);
if (!result.ok && globalThis.process) globalThis.process.exitCode = 1;

function readEnv(name) {
  const value = globalThis.Deno?.env.get(name) ?? globalThis.process?.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
