import type { EvaluationRow } from './evaluation-types.js';

/** Adds up one model-and-temperature row as results arrive. */
export class RowAccumulator {
  private items = 0;
  private failed = 0;
  private readonly scores: number[] = [];
  private readonly latencies: number[] = [];
  private inputTokens = 0;
  private outputTokens = 0;
  private costUsd = 0;

  constructor(
    private readonly model: string,
    private readonly temperature: number,
  ) {}

  /** Counts an answered and scored item. */
  addScore(
    score: number,
    usage: { inputTokens: number; outputTokens: number } | undefined,
    costUsd: number,
    latencyMs: number,
  ): void {
    this.items += 1;
    this.scores.push(score);
    this.latencies.push(latencyMs);
    this.inputTokens += usage?.inputTokens ?? 0;
    this.outputTokens += usage?.outputTokens ?? 0;
    this.costUsd += costUsd;
  }

  /** Counts an item whose request failed or whose scorer threw. */
  addFailure(usage?: { inputTokens: number; outputTokens: number }, costUsd = 0): void {
    this.items += 1;
    this.failed += 1;
    this.inputTokens += usage?.inputTokens ?? 0;
    this.outputTokens += usage?.outputTokens ?? 0;
    this.costUsd += costUsd;
  }

  /** The row. */
  toRow(): EvaluationRow {
    const latencies = [...this.latencies].sort((a, b) => a - b);
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    return {
      model: this.model,
      temperature: this.temperature,
      items: this.items,
      scored: this.scores.length,
      failed: this.failed,
      meanScore: this.scores.length ? sum(this.scores) / this.scores.length : 0,
      minScore: this.scores.length ? Math.min(...this.scores) : 0,
      maxScore: this.scores.length ? Math.max(...this.scores) : 0,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      costUsd: this.costUsd,
      meanLatencyMs: latencies.length ? sum(latencies) / latencies.length : 0,
      p50LatencyMs: percentile(latencies, 0.5),
      p95LatencyMs: percentile(latencies, 0.95),
    };
  }
}

/** The nearest-rank percentile of sorted values (0 when there are none). */
export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1] as number;
}
