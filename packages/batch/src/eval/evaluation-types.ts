import type { ChatResponse, PromptTemplate } from '@switchboard/core';
import type { BatchProgress } from '../run/progress.js';
import type { RunBatchOptions } from '../run/run-options.js';

/** One item of an evaluation dataset. */
export interface EvaluationItem<V extends Record<string, unknown> = Record<string, unknown>> {
  /** A stable id (default: the item's position); it becomes part of each request's `customId`. */
  id?: string;
  /** The template's variables. */
  variables: V;
  /** What the scorer compares the answer with. */
  expected?: unknown;
}

/** Scores one answer, usually from 0 (wrong) to 1 (right). */
export type Scorer<V extends Record<string, unknown> = Record<string, unknown>> = (
  response: ChatResponse,
  item: EvaluationItem<V>,
) => number | Promise<number>;

/** Options of `runEvaluation`. */
export interface EvaluationOptions<V extends Record<string, unknown> = Record<string, unknown>> {
  /** The items; read once. */
  dataset: Iterable<EvaluationItem<V>> | AsyncIterable<EvaluationItem<V>>;
  /** Renders an item's variables into messages (core's `createPromptTemplate`). */
  template: PromptTemplate<V>;
  /** Models to compare. */
  models: string[];
  /** Temperatures to try each model at. Default `[0]`. */
  temperatures?: number[];
  /** Scores each answer. */
  scorer: Scorer<V>;
  /** `maxOutputTokens` of every request. */
  maxOutputTokens?: number;
  /** Checkpoint file: a rerun after a crash scores what was saved and runs only the rest. */
  checkpoint?: string;
  /** Writes `evaluation.json` and `evaluation.md` into this folder when done. */
  outputDir?: string;
  /** Options of the underlying `runBatch` (concurrency, rate limiter, retry...). */
  run?: Omit<RunBatchOptions, 'checkpoint' | 'signal' | 'onProgress' | 'mode'>;
  /** Progress of the run. */
  onProgress?: (progress: BatchProgress) => void;
  /** Stops the run cleanly (the checkpoint keeps what is done). */
  signal?: AbortSignal;
}

/** The results of one model at one temperature. */
export interface EvaluationRow {
  /** The model. */
  model: string;
  /** The temperature. */
  temperature: number;
  /** Items run. */
  items: number;
  /** Items answered and scored. */
  scored: number;
  /** Items whose request failed or whose scorer threw. */
  failed: number;
  /** Mean score of the scored items (failed ones are left out). */
  meanScore: number;
  /** Lowest score. */
  minScore: number;
  /** Highest score. */
  maxScore: number;
  /** Input tokens in all. */
  inputTokens: number;
  /** Output tokens in all. */
  outputTokens: number;
  /** Cost in USD at catalog prices. */
  costUsd: number;
  /** Mean latency of the answered requests, in milliseconds. */
  meanLatencyMs: number;
  /** Median latency. */
  p50LatencyMs: number;
  /** 95th-percentile latency. */
  p95LatencyMs: number;
}

/** The outcome of an evaluation. */
export interface EvaluationReport {
  /** One row per model and temperature, in the order given. */
  rows: EvaluationRow[];
  /** Items in the dataset. */
  items: number;
  /** When the evaluation ended (ISO 8601). */
  finishedAt: string;
  /** Wall-clock milliseconds of this run (checkpointed results took no time). */
  durationMs: number;
  /** Files written, when `outputDir` was given. */
  files?: { json: string; markdown: string };
}
