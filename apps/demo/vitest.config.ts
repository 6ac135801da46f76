import { mergeConfig } from 'vitest/config';
import { packageConfig } from '../../vitest.shared.ts';

// The end-to-end tests run dist/cli.js as a subprocess: build it first when it is stale. The worker entry scripts
// run only as child processes (of `workers` and `batch --workers`), where this run's coverage cannot see them; the
// tests in test/workers.test.ts exercise them.
export default mergeConfig(
  packageConfig({
    testTimeout: 60_000,
    exclude: ['src/workers/quota-worker.ts', 'src/workers/batch-worker.ts', 'src/workers/worker-process.ts'],
  }),
  { test: { globalSetup: ['test/support/build-cli.ts'] } },
);
