#!/usr/bin/env node
// Placeholder until the demo issue lands: lists the packages so `pnpm demo` already proves the install works.
const packages: [string, string][] = [
  ['@switchboard/core', 'the Provider contract, stream, errors, config, catalog, templates, hooks, helpers'],
  ['@switchboard/openai', 'the OpenAI provider'],
  ['@switchboard/azure', 'the Azure OpenAI provider'],
  ['@switchboard/resilience', 'retries, circuit breaker, timeouts, RPM/TPM limiting, fallback'],
  ['@switchboard/tokenizer', 'token counts, context fitting, cost estimates'],
  ['@switchboard/realtime', 'Realtime API sessions over WebSocket'],
  ['@switchboard/batch', 'local checkpointed batches and the provider Batch API'],
  ['@switchboard/mock-server', 'a local OpenAI/Azure-compatible server'],
];
console.log('Switchboard packages in this workspace:');
for (const [name, what] of packages) console.log(`  ${name.padEnd(26)} ${what}`);
