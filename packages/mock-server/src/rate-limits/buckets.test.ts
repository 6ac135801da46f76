import { describe, expect, it } from 'vitest';
import { ContinuousBucket, WindowedBucket } from './buckets.js';

describe('ContinuousBucket (OpenAI)', () => {
  it('starts full, refills at limit/60 000 per ms, and never exceeds the limit', () => {
    const bucket = new ContinuousBucket(60, 0);
    expect(bucket.take(60, 0)).toMatchObject({ ok: true, remaining: 0, used: 0 });
    const refused = bucket.take(1, 0);
    expect(refused).toMatchObject({ ok: false, remaining: 0, used: 60 });
    expect(refused.retryAfterMs).toBe(1000);
    expect(refused.resetMs).toBe(60_000);
    expect(bucket.take(1, 1000).ok).toBe(true);
    expect(bucket.take(0, 10_000_000)).toMatchObject({ remaining: 60, resetMs: 0 });
  });

  it('refuses forever what can never fit, and takes refunds', () => {
    const bucket = new ContinuousBucket(10, 0);
    expect(bucket.take(11, 0).retryAfterMs).toBe(Number.POSITIVE_INFINITY);
    bucket.take(10, 0);
    bucket.refund(4, 0);
    expect(bucket.take(0, 0).remaining).toBe(4);
    bucket.refund(100, 0);
    expect(bucket.take(0, 0).remaining).toBe(10);
  });
});

describe('ContinuousBucket.drain (realtime usage reports)', () => {
  it('takes what was used even past empty, and refills by the same maths as take', () => {
    const bucket = new ContinuousBucket(60, 0);
    expect(bucket.drain(15, 0)).toMatchObject({ ok: true, remaining: 45, resetMs: 15_000, used: 0 });
    expect(bucket.drain(100, 0)).toMatchObject({ ok: true, remaining: 0, resetMs: 60_000, used: 15 });
    expect(bucket.drain(0, 30_000)).toMatchObject({ remaining: 30, resetMs: 30_000 });
  });
});

describe('WindowedBucket (Azure)', () => {
  it('allows limit/6 per 10-second window and resets at the window edge', () => {
    const bucket = new WindowedBucket(60);
    for (let i = 0; i < 10; i++) expect(bucket.take(1, 20_000 + i).ok).toBe(true);
    const refused = bucket.take(1, 21_000);
    expect(refused).toMatchObject({ ok: false, remaining: 0, used: 10 });
    expect(refused.retryAfterMs).toBe(9_000);
    expect(bucket.take(1, 30_000)).toMatchObject({ ok: true, remaining: 9 });
    expect(new WindowedBucket(1).take(2, 0).retryAfterMs).toBe(Number.POSITIVE_INFINITY);
    bucket.refund(5, 30_001);
    expect(bucket.take(0, 30_002).remaining).toBe(10);
  });
});

describe('WindowedBucket (other window lengths)', () => {
  it('enforces per-second quanta: ceil(limit/60) per clock-aligned second', () => {
    const bucket = new WindowedBucket(600, 1_000);
    expect(bucket.perWindow).toBe(10);
    for (let i = 0; i < 10; i++) expect(bucket.take(1, 5_000 + i * 50).ok).toBe(true);
    const refused = bucket.take(1, 5_600);
    expect(refused).toMatchObject({ ok: false, remaining: 0, used: 10, retryAfterMs: 400, resetMs: 400 });
    expect(bucket.take(1, 6_000)).toMatchObject({ ok: true, remaining: 9 });
    expect(new WindowedBucket(61, 1_000).perWindow).toBe(2);
  });

  it('enforces whole-minute windows', () => {
    const bucket = new WindowedBucket(3, 60_000);
    expect(bucket.perWindow).toBe(3);
    for (let i = 0; i < 3; i++) expect(bucket.take(1, 61_000).ok).toBe(true);
    expect(bucket.take(1, 119_999)).toMatchObject({ ok: false, retryAfterMs: 1 });
    expect(bucket.take(1, 120_000).ok).toBe(true);
  });
});
