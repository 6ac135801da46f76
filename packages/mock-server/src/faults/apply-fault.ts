import type { RequestContext } from '../http/request-context.js';
import { insufficientQuotaError } from '../rate-limits/rate-limit-errors.js';
import type { Sleeper } from '../server/sleeper.js';
import { faultStatusError } from './fault-errors.js';
import type { FaultSpec } from './fault-spec.js';

/**
 * Applies the part of a fault that happens before the route runs. Returns false when the request must not be
 * answered at all (reset, hang); throws for faults that answer with an error; keeps body/stream faults on the context.
 */
export async function applyFault(ctx: RequestContext, fault: FaultSpec, sleeper: Sleeper): Promise<boolean> {
  ctx.log.fault = fault.kind;
  switch (fault.kind) {
    case 'status':
      throw faultStatusError(fault.status ?? 500, fault.retryAfterSeconds, fault.shouldRetry);
    case 'insufficient-quota':
      throw insufficientQuotaError();
    case 'reset':
      ctx.req.socket.resetAndDestroy();
      return false;
    case 'hang':
      // Nothing is sent; the socket stays open until the client gives up or the server closes.
      return false;
    case 'slow-headers':
      await sleeper.sleep(fault.delayMs ?? 1000);
      return !ctx.gone;
    default:
      ctx.fault = fault;
      return true;
  }
}
