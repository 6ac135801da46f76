// Runs the package's benchmarks one after the other (they are separate files so each can also run alone).
await import('./stream-throughput.mjs');
await import('./call-overhead.mjs');
