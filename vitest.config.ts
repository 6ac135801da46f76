import { defineConfig } from 'vitest/config';

// Runs every package's tests from the root (`pnpm exec vitest`), e.g. in an editor. CI runs each package on its own
// through turbo so that every package's coverage thresholds are enforced separately.
export default defineConfig({
  test: { projects: ['packages/*', 'apps/demo', 'tools/conformance'] },
});
