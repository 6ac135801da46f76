import { describe, expect, it } from 'vitest';
import { createJobId, isValidJobId, jobIdTime } from './job-id.js';

describe('job ids', () => {
  it('carry their creation time and are valid file names', () => {
    const id = createJobId(1_700_000_000_000);
    expect(id).toMatch(/^sbj_[0-9a-z]+_[0-9a-f]{8}$/);
    expect(jobIdTime(id)).toBe(1_700_000_000_000);
    expect(jobIdTime('my-own-id')).toBeUndefined();
    expect(createJobId()).not.toBe(createJobId());
  });

  it('refuses ids that are not safe as file names or metadata', () => {
    expect(isValidJobId('nightly-eval_2.1')).toBe(true);
    for (const bad of ['', '.hidden', '../x', 'a/b', 'x'.repeat(65), 'sp ace']) expect(isValidJobId(bad)).toBe(false);
  });
});
