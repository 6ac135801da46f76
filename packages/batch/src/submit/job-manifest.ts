import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchEndpoint } from '@switchboard/core';

/** What a job directory records about its parts, so a restarted process can pick the job up by id. */
export interface JobManifest {
  /** The job id. */
  jobId: string;
  /** When the job was prepared (ISO 8601). */
  createdAt: string;
  /** The fingerprint of the input's first requests, to refuse a different input under the same id. */
  fingerprint: string;
  /** Every part of every round. */
  parts: ManifestPart[];
}

/** One part as recorded. */
export interface ManifestPart {
  index: number;
  round: number;
  endpoint: BatchEndpoint;
  model: string;
  requests: number;
  bytes: number;
  /** File names within the job directory. */
  inputFile: string;
  requestsFile: string;
  /** The provider batch, once created. */
  batchId?: string;
}

const MANIFEST = 'manifest.json';

/** Reads the manifest of a job directory, or undefined when there is none. */
export async function readManifest(dir: string): Promise<JobManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  const value = JSON.parse(text) as JobManifest;
  return Array.isArray(value?.parts) && typeof value.jobId === 'string' ? value : undefined;
}

/** Writes the manifest atomically (a temporary file renamed over it), so a crash never leaves half of it. */
export async function writeManifest(dir: string, manifest: JobManifest): Promise<void> {
  const path = join(dir, MANIFEST);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(manifest, null, 2));
  await rename(temporary, path);
}
