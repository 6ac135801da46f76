export type { CheckpointProblem } from './errors/checkpoint-error.js';
export { CheckpointError } from './errors/checkpoint-error.js';
export type {
  EvaluationItem,
  EvaluationOptions,
  EvaluationReport,
  EvaluationRow,
  Scorer,
} from './eval/evaluation-types.js';
export { formatEvaluationMarkdown } from './eval/format-report.js';
export { runEvaluation } from './eval/run-evaluation.js';
export { readBatchRequests } from './jsonl/read-batch-requests.js';
export type { JsonlSource, NumberedLine, ReadJsonlOptions } from './jsonl/read-jsonl.js';
export { readJsonl, readJsonlLines } from './jsonl/read-jsonl.js';
export type { EstimateTokens } from './plan/estimate-tokens.js';
export { heuristicTokenEstimate } from './plan/estimate-tokens.js';
export type { BatchMode, BatchPlan, PlanBatchOptions } from './plan/plan-batch.js';
export { planBatch } from './plan/plan-batch.js';
export type { BatchPlatform, InputFingerprinter } from './platform/batch-platform.js';
export type { BatchRun, BatchSummary } from './run/batch-run-types.js';
export type { LocalRunOptions } from './run/local-run-options.js';
export type { ResultOrder } from './run/ordering-buffer.js';
export type { BatchProgress } from './run/progress.js';
export { runBatch } from './run/run-batch.js';
export { runLocalBatch } from './run/run-local-batch.js';
export type { RunBatchOptions } from './run/run-options.js';
export { BATCH_API_LIMITS } from './submit/batch-api-limits.js';
export type { BatchJobPart } from './submit/job-part.js';
export type {
  BatchJobSummary,
  FollowUp,
  ResumeBatchJobOptions,
  SubmitBatchJobOptions,
} from './submit/submit-options.js';
export type { BatchInput, BatchRequest, ChatBatchRequest, EmbeddingBatchRequest } from './types/batch-request.js';
export type {
  BatchFailure,
  BatchLineOutcome,
  BatchResult,
  BatchResultSource,
  BatchSuccess,
} from './types/batch-result.js';
