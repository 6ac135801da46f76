import type { ChatRequest, EmbeddingRequest } from '@switchboard/core';

/** One chat request of a batch, with the caller's id for it. */
export interface ChatBatchRequest {
  /** The caller's id, unique within the batch; results carry it back. */
  customId: string;
  /** Discriminator; chat is the default when absent. */
  kind?: 'chat';
  /** The chat request. */
  request: ChatRequest;
}

/** One embedding request of a batch, with the caller's id for it. */
export interface EmbeddingBatchRequest {
  /** The caller's id, unique within the batch; results carry it back. */
  customId: string;
  /** Discriminator. */
  kind: 'embedding';
  /** The embedding request. */
  request: EmbeddingRequest;
}

/** One request of a batch. */
export type BatchRequest = ChatBatchRequest | EmbeddingBatchRequest;

/** The requests of a batch: an array, any iterable, or an async iterable such as `readBatchRequests(path)`. */
export type BatchInput = Iterable<BatchRequest> | AsyncIterable<BatchRequest>;
