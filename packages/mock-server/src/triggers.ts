/**
 * Phrases that make the mock misbehave on purpose from inside a prompt, so a client test needs no control calls.
 * Matching is a plain, case-sensitive substring test on the message text.
 */
export const TRIGGERS = {
  /** Azure: the prompt is blocked (HTTP 400, code `content_filter`, innererror `ResponsibleAIPolicyViolation`). */
  blockPrompt: '[mock:block-prompt]',
  /** The completion is cut by the content filter (`finish_reason: content_filter`). */
  filterCompletion: '[mock:filter-completion]',
  /** The model refuses (`message.refusal` instead of `content`). */
  refuse: '[mock:refuse]',
  /** Responses API: the response fails (`status: failed`, `error.code: server_error`; streams end with `response.failed`). */
  failResponse: '[mock:fail-response]',
} as const;
