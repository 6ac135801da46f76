import { mergeConfig } from 'vitest/config';
import { packageConfig } from '../../vitest.shared.ts';

// The end-to-end tests run dist/cli.js as a subprocess: build it first when it is stale.
export default mergeConfig(packageConfig({ testTimeout: 60_000 }), {
  test: { globalSetup: ['test/support/build-cli.ts'] },
});
