/** How `createRouter` picks the target for a call. */
export type RouterStrategy = 'least-busy' | 'weighted' | 'round-robin' | 'priority';

/** What the router knows about one target when it orders them (synchronously, from its own bookkeeping). */
export interface TargetView {
  /** Position in the router's list. */
  index: number;
  /** `weighted`: relative share of calls. */
  weight: number;
  /** `priority`: lower goes first. */
  priority: number;
  /** Calls sent to it that have not finished (including those waiting in its limiter). */
  inFlight: number;
  /** Requests per minute it allows (configured or reported), when known. */
  requestsPerMinute: number | undefined;
  /** Requests it can take now (its limiter's bucket, or the provider's `x-ratelimit-remaining-requests`). */
  available: number | undefined;
  /** Skip it for now: its circuit is open or a 429 paused it. */
  unavailable: boolean;
}

/**
 * Least-busy: the expected wait of one more call, `(in flight + 1 − available) / rate`, so calls spread in
 * proportion to capacity and go first where capacity is left now; a target of unknown rate counts as 1 call per
 * second. Ties go to the earlier target.
 */
function expectedWait(view: TargetView): number {
  const rate = view.requestsPerMinute ?? 60;
  return Math.max(0, view.inFlight + 1 - Math.max(0, view.available ?? 0)) / rate + view.inFlight * 1e-9;
}

/**
 * The order in which to try the targets for one call: available ones by the strategy first, then the unavailable
 * ones (so that when everything is down the call still fails with a real error instead of none).
 */
export function orderTargets(
  views: readonly TargetView[],
  strategy: RouterStrategy,
  turn: number,
  random: () => number,
): number[] {
  const ranked = (list: TargetView[]): TargetView[] => {
    switch (strategy) {
      case 'priority':
        return [...list].sort((a, b) => a.priority - b.priority || a.index - b.index);
      case 'round-robin': {
        const start = list.length === 0 ? 0 : turn % list.length;
        return [...list.slice(start), ...list.slice(0, start)];
      }
      case 'weighted': {
        const total = list.reduce((sum, view) => sum + view.weight, 0);
        const pick = random() * total;
        let below = 0;
        const first =
          list.find((view) => {
            below += view.weight;
            return pick < below;
          }) ?? list[0];
        const rest = list.filter((view) => view !== first).sort((a, b) => b.weight - a.weight || a.index - b.index);
        return first ? [first, ...rest] : rest;
      }
      case 'least-busy':
        return [...list].sort((a, b) => expectedWait(a) - expectedWait(b) || a.index - b.index);
    }
  };
  const up = views.filter((view) => !view.unavailable);
  const down = views.filter((view) => view.unavailable);
  return [...ranked(up), ...ranked(down)].map((view) => view.index);
}
