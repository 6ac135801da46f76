import { ApiError } from '../http/api-error.js';

/** Context windows of the models the mock knows, longest prefix first (public model pages). */
const CONTEXT_WINDOWS: readonly [prefix: string, tokens: number][] = [
  ['gpt-4.1', 1_047_576],
  ['gpt-4o', 128_000],
  ['gpt-5', 400_000],
  ['o4-mini', 200_000],
  ['o3', 200_000],
  ['gpt-4-turbo', 128_000],
  ['gpt-3.5-turbo', 16_385],
  ['gpt-4', 8_192],
];

/** The context window of a model, or undefined for a model the mock does not know (then nothing is checked). */
export function contextWindowOf(model: string): number | undefined {
  return CONTEXT_WINDOWS.find(
    ([prefix]) => model === prefix || model.startsWith(`${prefix}-`) || model.startsWith(`${prefix}.`),
  )?.[1];
}

/** Throws the real 400 `context_length_exceeded` when prompt plus requested output does not fit the window. */
export function checkContextLength(
  models: readonly string[],
  promptTokens: number,
  maxTokens: number | undefined,
): void {
  const window = models.map(contextWindowOf).find((w) => w !== undefined);
  if (window === undefined) return;
  const requested = promptTokens + (maxTokens ?? 0);
  if (requested <= window) return;
  const message =
    maxTokens === undefined
      ? `This model's maximum context length is ${window} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`
      : `This model's maximum context length is ${window} tokens. However, you requested ${requested} tokens (${promptTokens} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`;
  throw new ApiError(400, {
    message,
    type: 'invalid_request_error',
    param: 'messages',
    code: 'context_length_exceeded',
  });
}
