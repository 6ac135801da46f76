import type { ChatResponse, SwitchboardError } from '@switchboard/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { BatchRun, BatchSummary } from '../run/batch-run-types.js';
import type { BatchJobSummary } from '../submit/submit-options.js';
import type { BatchRequest } from './batch-request.js';
import type { BatchLineOutcome, BatchResult } from './batch-result.js';

describe('batch types', () => {
  it('narrows a result on ok', () => {
    const result = {} as BatchResult;
    if (result.ok) {
      expectTypeOf(result.chat).toEqualTypeOf<ChatResponse | undefined>();
      // @ts-expect-error a success has no error
      void result.error;
    } else {
      expectTypeOf(result.error).toEqualTypeOf<SwitchboardError>();
      expectTypeOf(result.batchOutcome).toEqualTypeOf<BatchLineOutcome | undefined>();
    }
  });

  it('types requests by kind', () => {
    expectTypeOf<{ customId: 'a'; request: { model: 'm'; messages: [] } }>().toMatchTypeOf<BatchRequest>();
    expectTypeOf<{
      customId: 'e';
      kind: 'embedding';
      request: { model: 'm'; input: 'x' };
    }>().toMatchTypeOf<BatchRequest>();
    // @ts-expect-error an embedding request needs kind: 'embedding'
    const wrong: BatchRequest = { customId: 'e', request: { model: 'm', input: 'x' } };
    void wrong;
  });

  it('gives job runs their own summary', () => {
    expectTypeOf<BatchRun<BatchJobSummary>['summary']>().toEqualTypeOf<BatchJobSummary | undefined>();
    expectTypeOf<BatchJobSummary>().toMatchTypeOf<BatchSummary>();
  });
});
