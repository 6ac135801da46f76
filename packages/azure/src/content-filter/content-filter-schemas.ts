import { z } from 'zod';

/**
 * One category verdict as Azure sends it: graded categories (`hate`, `sexual`, `violence`, `self_harm`) carry
 * `severity`, detection categories (`jailbreak`, `profanity`, `protected_material_*`) carry `detected`. Other fields
 * (citations, blocklist details) are kept.
 */
export const categoryResultSchema = z.looseObject({
  filtered: z.boolean(),
  severity: z.string().optional(),
  detected: z.boolean().optional(),
});

/** A category verdict as read. */
export type CategoryResult = z.infer<typeof categoryResultSchema>;

/**
 * `content_filter_results` of a choice or a prompt: category name → verdict. Entries that are not verdicts (an
 * `error` from the filter service, `custom_blocklists` in some versions) are kept as sent.
 */
export const contentFilterResultsSchema = z.record(z.string(), z.unknown());

/** Content filter results as read. */
export type ContentFilterResults = z.infer<typeof contentFilterResultsSchema>;

/** One entry of `prompt_filter_results`. */
export const promptFilterResultSchema = z.looseObject({
  prompt_index: z.number().optional(),
  content_filter_results: contentFilterResultsSchema.optional(),
});

/** The Azure fields of a chat completion or stream chunk, read leniently. */
export const azureCompletionFieldsSchema = z.looseObject({
  prompt_filter_results: z.array(promptFilterResultSchema).nullish(),
  choices: z
    .array(
      z.looseObject({ index: z.number().optional(), content_filter_results: contentFilterResultsSchema.nullish() }),
    )
    .nullish(),
});

/**
 * Azure's error object when the content filter blocked a request: `code` is `content_filter` (chat) or
 * `content_policy_violation` (images), and `innererror` names the policy and carries the verdicts (singular
 * `content_filter_result` for chat, plural for images).
 */
export const azureFilterErrorSchema = z.looseObject({
  code: z.union([z.string(), z.number()]).nullish(),
  innererror: z
    .looseObject({
      code: z.string().nullish(),
      content_filter_result: contentFilterResultsSchema.nullish(),
      content_filter_results: contentFilterResultsSchema.nullish(),
    })
    .nullish(),
});
