import { randomBytes } from 'node:crypto';

/** Batch metadata keys that tie a provider batch to its Switchboard job (part and round). */
export const JOB_METADATA = {
  job: 'switchboard_job',
  part: 'switchboard_part',
  parts: 'switchboard_parts',
  round: 'switchboard_round',
} as const;

/** A new job id: `sbj_<creation time in base 36>_<random>`, safe as a file name and a metadata value. */
export function createJobId(now = Date.now()): string {
  return `sbj_${now.toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** The creation time encoded in a generated job id (ms since the epoch), or undefined for a caller's own id. */
export function jobIdTime(jobId: string): number | undefined {
  const match = /^sbj_([0-9a-z]+)_[0-9a-f]{8}$/.exec(jobId);
  if (!match) return undefined;
  const time = Number.parseInt(match[1] as string, 36);
  return Number.isFinite(time) ? time : undefined;
}

/** Job ids end up in file names and metadata: letters, digits, `_`, `-` and `.`, at most 64 characters. */
export function isValidJobId(jobId: string): boolean {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(jobId) && !jobId.startsWith('.');
}
