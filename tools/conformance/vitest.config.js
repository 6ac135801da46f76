import { defineConfig } from 'vitest/config';

// Plain JS helper: no coverage thresholds, but the JSON report feeds scripts/test-summary.mjs like every package.
export default defineConfig({
  test: {
    include: ['src/**/*.test.js'],
    testTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
