import type { EncodingName } from '@switchboard/core';

/** Every encoding this package can count with. */
export const ENCODING_NAMES: readonly EncodingName[] = ['o200k_base', 'cl100k_base', 'p50k_base', 'r50k_base'];

/** Whether `name` is an encoding this package knows. */
export function isEncodingName(name: string): name is EncodingName {
  return (ENCODING_NAMES as readonly string[]).includes(name);
}

/** The encoding used when a model is unknown: the one of every current OpenAI chat model. */
export const DEFAULT_ENCODING: EncodingName = 'o200k_base';
