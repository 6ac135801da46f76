/**
 * Plain type checks for the events that arrive by the thousand (deltas), tried before zod: an event that passes is
 * exactly what its lenient schema accepts, so it is used as it is, without zod's walk and copy. One that fails goes
 * through its zod schema as before, which gives the typed issues. Each check must accept only what the schema accepts
 * (fast-checks.test.ts holds them to that).
 */
type FastCheck = (event: Record<string, unknown>) => boolean;

const isString = (value: unknown): boolean => typeof value === 'string';
const isNumber = (value: unknown): boolean => Number.isFinite(value);
const optional =
  (check: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    value === undefined || check(value);
const optionalString = optional(isString);
const optionalNumber = optional(isNumber);

/** `response.output_*.delta`: the part reference and a string delta. */
const partDelta: FastCheck = (event) =>
  optionalString(event.event_id) &&
  isString(event.response_id) &&
  isString(event.item_id) &&
  isNumber(event.output_index) &&
  isNumber(event.content_index) &&
  isString(event.delta);

/** By event type. */
export const FAST_CHECKS: ReadonlyMap<string, FastCheck> = new Map<string, FastCheck>([
  ['response.output_text.delta', partDelta],
  ['response.output_audio.delta', partDelta],
  ['response.output_audio_transcript.delta', partDelta],
  [
    'response.function_call_arguments.delta',
    (event) =>
      optionalString(event.event_id) &&
      isString(event.response_id) &&
      isString(event.item_id) &&
      isNumber(event.output_index) &&
      isString(event.call_id) &&
      isString(event.delta),
  ],
  [
    'conversation.item.input_audio_transcription.delta',
    (event) =>
      optionalString(event.event_id) &&
      isString(event.item_id) &&
      optionalNumber(event.content_index) &&
      optionalString(event.delta),
  ],
]);
