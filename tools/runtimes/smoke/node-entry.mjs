// Entry point for Node, Bun and Deno: the runtime smoke plus the Node-only checks (mock server, `./node` entry
// points, file-based batch helpers). Prints one `SMOKE_RESULT {...}` line; exits non-zero when a check failed.
import process from 'node:process';
import { runNodeOnlySmoke } from './node-only.mjs';
import { runSmoke } from './smoke.mjs';

const config = JSON.parse(process.env.SMOKE_CONFIG ?? '{}');
const portable = await runSmoke(config);
const nodeOnly = await runNodeOnlySmoke(config);
const result = { ok: portable.ok && nodeOnly.ok, checks: [...portable.checks, ...nodeOnly.checks] };
console.log(`SMOKE_RESULT ${JSON.stringify(result)}`);
process.exitCode = result.ok ? 0 : 1;
