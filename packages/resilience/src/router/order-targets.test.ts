import { describe, expect, it } from 'vitest';
import { orderTargets, type TargetView } from './order-targets.js';

const view = (index: number, extra: Partial<TargetView> = {}): TargetView => ({
  index,
  weight: 1,
  priority: index,
  inFlight: 0,
  requestsPerMinute: undefined,
  available: undefined,
  unavailable: false,
  ...extra,
});

describe('orderTargets', () => {
  it('least-busy: shortest expected wait first, by capacity; unavailable ones last', () => {
    const views = [
      view(0, { requestsPerMinute: 600, inFlight: 1 }),
      view(1, { requestsPerMinute: 1_800, inFlight: 2 }),
      view(2, { requestsPerMinute: 6_000, unavailable: true }),
    ];
    // Waits: (1+1)/600 vs (2+1)/1800: the second is shorter.
    expect(orderTargets(views, 'least-busy', 0, Math.random)).toEqual([1, 0, 2]);
    expect(orderTargets([view(0, { available: 5 }), view(1)], 'least-busy', 0, Math.random)).toEqual([0, 1]);
  });

  it('round-robin rotates, priority sorts, weighted picks by weight then the rest by weight', () => {
    const views = [view(0), view(1, { priority: -1, weight: 3 }), view(2)];
    expect(orderTargets(views, 'round-robin', 4, Math.random)).toEqual([1, 2, 0]);
    expect(orderTargets(views, 'priority', 0, Math.random)).toEqual([1, 0, 2]);
    expect(orderTargets(views, 'weighted', 0, () => 0.1)).toEqual([0, 1, 2]);
    expect(orderTargets(views, 'weighted', 0, () => 0.5)).toEqual([1, 0, 2]);
    expect(orderTargets(views, 'weighted', 0, () => 0.99)).toEqual([2, 1, 0]);
    expect(orderTargets([], 'round-robin', 3, Math.random)).toEqual([]);
    expect(orderTargets([view(0, { weight: 0 })], 'weighted', 0, () => 0.5)).toEqual([0]);
  });
});
