/** Azure's per-category content filter verdicts. */
export type ContentFilterResults = Record<string, { filtered: boolean; severity?: string; detected?: boolean }>;

const SAFE = { filtered: false, severity: 'safe' } as const;

/** The four harm categories every Azure choice carries (all safe). */
export const SAFE_CHOICE_RESULTS: ContentFilterResults = Object.freeze({
  hate: SAFE,
  self_harm: SAFE,
  sexual: SAFE,
  violence: SAFE,
});

/** The prompt-side results: the four categories plus jailbreak detection. */
export const SAFE_PROMPT_RESULTS: ContentFilterResults = Object.freeze({
  hate: SAFE,
  jailbreak: { filtered: false, detected: false },
  self_harm: SAFE,
  sexual: SAFE,
  violence: SAFE,
});

/** Choice results when the completion was cut (`finish_reason: content_filter`): violence flagged at medium. */
export const FILTERED_CHOICE_RESULTS: ContentFilterResults = Object.freeze({
  hate: SAFE,
  self_harm: SAFE,
  sexual: SAFE,
  violence: { filtered: true, severity: 'medium' },
});

/** Prompt results of a blocked prompt. */
export const BLOCKED_PROMPT_RESULTS: ContentFilterResults = Object.freeze({
  hate: SAFE,
  jailbreak: { filtered: false, detected: false },
  self_harm: SAFE,
  sexual: SAFE,
  violence: { filtered: true, severity: 'high' },
});

/** `prompt_filter_results` for a request whose prompt passed. */
export const SAFE_PROMPT_FILTER_RESULTS = Object.freeze([
  Object.freeze({ prompt_index: 0, content_filter_results: SAFE_PROMPT_RESULTS }),
]);
