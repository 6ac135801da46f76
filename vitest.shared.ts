import { defineConfig } from 'vitest/config';

/**
 * The vitest settings every package shares: tests beside the code, v8 coverage with the project's
 * thresholds (lines ≥ 90%, branches ≥ 85% per package), and a JSON report that `scripts/test-summary.mjs`
 * adds up into the one closing line CI reads.
 */
export function packageConfig(options: { exclude?: string[]; testTimeout?: number } = {}) {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: options.testTimeout ?? 20_000,
      hookTimeout: 20_000,
      typecheck: {
        enabled: true,
        include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
        tsconfig: 'tsconfig.test.json',
      },
      reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
      coverage: {
        provider: 'v8',
        include: ['src/**/*.ts'],
        exclude: ['src/**/*.test.ts', 'src/**/*.test-d.ts', 'src/**/__fixtures__/**', ...(options.exclude ?? [])],
        reporter: ['text-summary'],
        thresholds: { lines: 90, branches: 85 },
      },
    },
  });
}
