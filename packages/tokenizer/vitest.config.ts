import { mergeConfig } from 'vitest/config';
import { packageConfig } from '../../vitest.shared.ts';

// Tests import `src/index.ts`; the setup file registers the Node loader as the package's `node` entry does.
export default mergeConfig(packageConfig({ testTimeout: 60_000 }), { test: { setupFiles: ['./src/node.ts'] } });
