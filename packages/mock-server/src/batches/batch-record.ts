import type { Surface } from '../http/router.js';

/** Batch states, as the real API names them. */
export type BatchStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

/** One entry of `batch.errors.data` (input validation problems). */
export interface BatchLineError {
  code: string;
  message: string;
  param: string | null;
  line: number | null;
}

/**
 * The public batch object. Fields the real API sends as `null` until they are set are left out instead, because the
 * OpenAI spec types them as plain strings/integers (the SDK types them as optional).
 */
export interface BatchObject {
  id: string;
  object: 'batch';
  endpoint: string;
  model?: string;
  errors?: { object: 'list'; data: BatchLineError[] };
  input_file_id: string;
  completion_window: string;
  status: BatchStatus;
  output_file_id?: string;
  error_file_id?: string;
  created_at: number;
  in_progress_at?: number;
  expires_at: number;
  finalizing_at?: number;
  completed_at?: number;
  failed_at?: number;
  expired_at?: number;
  cancelling_at?: number;
  cancelled_at?: number;
  request_counts: { total: number; completed: number; failed: number };
  usage?: {
    input_tokens: number;
    input_tokens_details: { cached_tokens: number };
    output_tokens: number;
    output_tokens_details: { reasoning_tokens: number };
    total_tokens: number;
  };
  metadata: Record<string, string> | null;
}

/** One validated input line. */
export interface BatchLine {
  customId: string;
  body: Record<string, unknown>;
}

/** A batch and its working state. */
export interface BatchRecord {
  object: BatchObject;
  surface: Surface;
  /** Route the lines run through. */
  route: 'chat.completions' | 'embeddings' | 'unsupported';
  /** Output and error file lines written so far. */
  output: string[];
  errors: string[];
  /** `metadata.mock_outcome`: 'expire' or 'fail' makes the batch end that way. */
  outcome: string | undefined;
}

/** Seconds since the epoch. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
