import { mergeConfig } from 'vitest/config';
import { packageConfig } from '../../vitest.shared.ts';

// Tests import `src/index.ts`; the setup file registers the file-based platform as the package's `node` entry does.
export default mergeConfig(packageConfig(), { test: { setupFiles: ['./src/node.ts'] } });
