import type { Scene } from './scene.js';

/** The usage and cost of everything the tour did, from the UsageTracker. */
export const summaryScene: Scene = {
  title: 'Usage and cost (UsageTracker)',
  async run({ demo, output }) {
    const rows = demo.tracker.snapshot();
    output.line(
      `  ${'provider'.padEnd(9)} ${'model'.padEnd(24)} ${'calls'.padStart(5)} ${'errors'.padStart(6)} ${'tokens in/out'.padStart(15)} ${'cost USD'.padStart(10)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)}`,
    );
    for (const r of rows) {
      output.line(
        `  ${r.provider.padEnd(9)} ${r.model.padEnd(24)} ${String(r.requests).padStart(5)} ${String(r.errors).padStart(6)} ${`${r.inputTokens}/${r.outputTokens}`.padStart(15)} ${r.costUsd.toFixed(6).padStart(10)} ${r.latencyP50Ms.toFixed(0).padStart(7)} ${r.latencyP95Ms.toFixed(0).padStart(7)}`,
      );
    }
    const totals = demo.tracker.totals();
    output.detail(
      'total',
      `${totals.requests} calls, ${totals.errors} errors, $${totals.costUsd.toFixed(6)}${demo.offline ? ' (list prices; the mock server charges nothing)' : ''}`,
    );
    return { rows, totals };
  },
};
