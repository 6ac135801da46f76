export type { BatchQueueJob, DistributedBatchProgress, ResultsOptions } from './batch-queue-job.js';
export type {
  BatchWorkerOptions,
  EnqueueBatchOptions,
  QueueConnection,
  QueueOptions,
} from './distributed-options.js';
export type { EnqueuedBatch, QueuedRequest } from './enqueue-batch.js';
export { enqueueBatch, openBatchJob } from './enqueue-batch.js';
export type { BatchWorker } from './start-batch-worker.js';
export { startBatchWorker } from './start-batch-worker.js';
