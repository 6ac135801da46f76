/** The mutable level of one continuously refilled bucket. */
export interface BucketState {
  /** Capacity left now (may go below zero after an oversized request). `Infinity` means "full, size unknown yet". */
  level: number;
  /** When `level` was last brought up to date (ms). */
  updatedAt: number;
}

/** The size and refill speed of a bucket. */
export interface BucketShape {
  /** The most the bucket holds: the largest burst it allows. */
  capacity: number;
  /** Refill per millisecond. */
  ratePerMs: number;
}

/** Below this, a shortfall is float noise, not a reason to wait. */
const EPSILON = 1e-6;

/**
 * With smoothing, the share of a window a bucket may hold beyond the largest call: room to catch up after a timer
 * fires late (20 ms of refill in a one-second window).
 */
export const SMOOTHING_SLACK = 0.02;

/**
 * The bucket for a per-minute limit. Without smoothing it holds a whole minute less `headroomMs` of refill (the OpenAI
 * model: a burst of nearly the full limit, then `limit/60 000` per ms). With smoothing over `windowMs` it holds only
 * the largest single cost plus a little slack, and refills at a rate chosen so that no window of `windowMs` ever sees
 * more than its share `limit × windowMs / 60 000`: at most `capacity + rate × window` fits in any window, whatever the
 * phase of the provider's own windows. `burstScale` (0–1] shrinks the part of the capacity above the smoothed minimum
 * (a provider 429 halves it). `wholeCalls` marks the request bucket, whose costs are whole calls (see
 * `wholeCallRefill`).
 */
export function bucketShape(
  perMinute: number,
  windowMs: number | undefined,
  largestCost: number,
  headroomMs = 0,
  burstScale = 1,
  wholeCalls = false,
): BucketShape {
  const ratePerMs = perMinute / 60_000;
  if (windowMs === undefined) {
    const full = Math.max(1, perMinute - ratePerMs * headroomMs);
    const least = Math.min(full, Math.max(1, largestCost) + (perMinute / 60) * SMOOTHING_SLACK);
    return { capacity: least + (full - least) * burstScale, ratePerMs };
  }
  const perWindow = (perMinute * windowMs) / 60_000;
  const least = Math.max(1, largestCost);
  const capacity = least + perWindow * SMOOTHING_SLACK * burstScale;
  // A limit so small that one call is most of a window: settle for half the window's share rather than stalling.
  let perWindowRefill = Math.max(perWindow - capacity, perWindow / 2);
  if (wholeCalls) perWindowRefill = Math.max(perWindowRefill, wholeCallRefill(perWindow, capacity));
  return { capacity, ratePerMs: perWindowRefill / windowMs };
}

/**
 * The refill per window of a bucket of whole calls (the request bucket), which may exceed `perWindow - capacity`: a
 * provider's window counts whole calls, and one that starts with `capacity` and refills `r` before it ends admits
 * fewer than `capacity + r` of them, so `capacity + r` may reach the window's allowance plus one. The allowance is
 * the share rounded down (at least 1), safe whether the provider rounds a fractional share up or down; the refill is
 * spread over the window plus `SMOOTHING_SLACK` of it, so a call that reaches the provider up to that much later than
 * the others (20 ms in a one-second window) still lands in a window with room, from a full bucket or at a steady pace.
 * Below about 50 calls per window this keeps more of the limit than `perWindow - capacity` (96% instead of 88% at 10
 * per second, 96% instead of 65% at 3), which loses a whole call per window; above, that one is kept.
 */
function wholeCallRefill(perWindow: number, capacity: number): number {
  const allowance = Math.max(1, Math.floor(perWindow));
  return Math.min(perWindow, allowance + 1 - capacity) / (1 + SMOOTHING_SLACK);
}

/** Brings `state` up to `now`: continuous refill, never beyond capacity. */
export function refill(state: BucketState, shape: BucketShape, now: number): void {
  if (now > state.updatedAt) {
    state.level = state.level + (now - state.updatedAt) * shape.ratePerMs;
    state.updatedAt = now;
  }
  if (state.level > shape.capacity) state.level = shape.capacity;
}

/**
 * Milliseconds until `cost` fits (0: it fits now). A cost above capacity waits for a full bucket and then takes it
 * below zero, so an oversized request is slow rather than stuck forever.
 */
export function waitForCost(state: BucketState, shape: BucketShape, cost: number): number {
  const need = Math.min(cost, shape.capacity);
  const shortfall = need - state.level;
  if (shortfall <= EPSILON) return 0;
  return shortfall / shape.ratePerMs;
}
