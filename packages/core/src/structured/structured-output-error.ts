import type { ErrorClassOptions } from '../errors/error-classes.js';
import { redactSecrets } from '../errors/redact.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { FinishReason } from '../types/chat-response.js';
import type { Usage } from '../types/usage.js';

/** Why a structured answer could not be used. */
export type StructuredOutputFailure = 'refusal' | 'length' | 'invalid-json' | 'schema-mismatch';

/** One way the answer broke the schema: where, and what zod said. */
export interface StructuredOutputIssue {
  /** The path in the answer, e.g. `items.2.price`; '' for the root. */
  path: string;
  /** What is wrong there. */
  message: string;
}

/** How much of the raw text `toJSON()` keeps, so an error log line stays small. */
const JSON_TEXT_LIMIT = 2_000;

/**
 * The model's answer is not the object that was asked for: it refused (`refusal`), was cut off by the token limit
 * (`length`), is not JSON (`invalid-json`) or does not match the schema (`schema-mismatch`). `text` is the raw answer
 * (or the refusal), so a caller can log it, show it or retry with it. Never retried automatically: a repeat costs
 * another call and usually fails the same way.
 */
export class StructuredOutputError extends SwitchboardError {
  /** What went wrong. */
  readonly reason: StructuredOutputFailure;
  /** The raw text of the answer (the refusal text for `refusal`), secrets masked. */
  readonly text: string;
  /** The schema problems (`schema-mismatch` only). */
  readonly issues: StructuredOutputIssue[];
  /** Why the model stopped. */
  readonly finishReason: FinishReason | undefined;
  /** What the failed call used, so its cost is not lost. */
  readonly usage: Usage | undefined;

  constructor(
    options: Omit<ErrorClassOptions, 'message'> & {
      reason: StructuredOutputFailure;
      text: string;
      issues?: StructuredOutputIssue[];
      finishReason?: FinishReason;
      usage?: Usage;
      message?: string;
    },
  ) {
    const issues = options.issues ?? [];
    super('structured-output', {
      source: 'provider',
      ...options,
      message: options.message ?? describe(options.reason, issues),
      retryable: false,
    });
    this.reason = options.reason;
    this.text = redactSecrets(options.text);
    this.issues = issues;
    this.finishReason = options.finishReason;
    this.usage = options.usage;
  }

  protected override details(): Record<string, unknown> {
    const text = this.text.length > JSON_TEXT_LIMIT ? `${this.text.slice(0, JSON_TEXT_LIMIT)}…` : this.text;
    return { reason: this.reason, text, issues: this.issues, finishReason: this.finishReason, usage: this.usage };
  }
}

function describe(reason: StructuredOutputFailure, issues: StructuredOutputIssue[]): string {
  switch (reason) {
    case 'refusal':
      return 'The model refused to answer with the requested object.';
    case 'length':
      return 'The answer was cut off by the output token limit before the object was complete; raise maxOutputTokens.';
    case 'invalid-json':
      return 'The answer is not valid JSON.';
    case 'schema-mismatch': {
      const listed = issues
        .slice(0, 5)
        .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
        .join('; ');
      const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
      return `The answer does not match the schema: ${listed}${more}.`;
    }
  }
}
