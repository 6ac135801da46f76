import { KNOWN_DIFFERENCES } from './known-differences.js';
import { loadSpec, referenceDir, SPECS } from './specs.js';
import { formatErrors, getValidator } from './validator.js';

export { referenceDir };

function prefix(lines, at) {
  if (!at) return lines;
  return lines.map((line) => (line.startsWith('(root)') ? `${at}${line.slice(6)}` : `${at}${line}`));
}

function checkPart(spec, schemaName, value, at, options) {
  const validate = getValidator(spec, schemaName, options);
  return validate(value) ? [] : prefix(formatErrors(validate.errors), at);
}

/**
 * The Responses API schemas, whose `oneOf` unions are read as `anyOf` by default (see the reference README): the
 * request, the response, the stream events, and their item unions.
 */
const RESPONSES_SCHEMA =
  /^(CreateResponse|Response|ResponseStreamEvent|InputItem|InputParam|OutputItem|ItemResource)$|^Response[A-Z]\w*Event$/;

function isResponsesSchema(schemaName) {
  return RESPONSES_SCHEMA.test(schemaName);
}

/**
 * Validates `value` against `schemaName` in one of the specs ('openai' | 'openai-legacy' | 'azure').
 * `schemaName` is a components.schemas key or a JSON pointer into the spec (e.g. `#/paths/~1x/post/...`).
 * Options: `noExtraProperties` rejects top-level properties the schema does not know (typos such as `max_token`);
 * `allowKnownDifferences` excuses the README's real-vs-spec differences, and nothing else.
 */
export function validate(spec, schemaName, value, options = {}) {
  const { noExtraProperties = false, allowKnownDifferences = false } = options;
  const oneOfAsAnyOf = options.oneOfAsAnyOf ?? isResponsesSchema(schemaName);
  let subject = value;
  const errors = [];
  const applied = [];
  if (allowKnownDifferences) {
    const check = (s, name, part, at) => checkPart(s, name, part, at, { oneOfAsAnyOf });
    for (const rule of KNOWN_DIFFERENCES) {
      if (subject === undefined || !rule.applies(spec, schemaName, subject)) continue;
      const result = rule.apply(subject, check);
      applied.push(rule.name);
      errors.push(...result.errors);
      subject = result.value;
    }
  }
  if (subject !== undefined)
    errors.push(...checkPart(spec, schemaName, subject, '', { noExtraProperties, oneOfAsAnyOf }));
  return { valid: errors.length === 0, errors, knownDifferences: applied };
}

/** `validate('openai', ...)`: the OpenAPI 3.1 spec (openai-openapi.yaml). */
export function validateOpenAI(schemaName, value, options) {
  return validate('openai', schemaName, value, options);
}

/** `validate('azure', ...)`: the Azure OpenAI 2024-10-21 inference spec. */
export function validateAzure(schemaName, value, options) {
  return validate('azure', schemaName, value, options);
}

/** `validate('openai-legacy', ...)`: the older 3.0 OpenAI spec (the one with BatchRequestInput/Output). */
export function validateLegacyOpenAI(schemaName, value, options) {
  return validate('openai-legacy', schemaName, value, options);
}

/** Thrown by the `expect*` helpers; `errors` holds one line per problem. */
export class ConformanceError extends Error {
  constructor(spec, schemaName, errors, value) {
    const excerpt = JSON.stringify(value)?.slice(0, 600) ?? String(value);
    const hint = errors.some((line) => line.includes("Azure's") || line.includes('/object'))
      ? '\n(real-vs-spec differences from the reference README are excused with { allowKnownDifferences: true })'
      : '';
    super(`value does not match ${spec} schema ${schemaName}:\n  - ${errors.join('\n  - ')}\nvalue: ${excerpt}${hint}`);
    this.name = 'ConformanceError';
    this.spec = spec;
    this.schemaName = schemaName;
    this.errors = errors;
  }
}

/** Like `validate`, but throws a ConformanceError with a readable list of problems; returns the value otherwise. */
export function expectValid(spec, schemaName, value, options) {
  const result = validate(spec, schemaName, value, options);
  if (!result.valid) throw new ConformanceError(spec, schemaName, result.errors, value);
  return value;
}

/** `expectValid('openai', ...)`. */
export function expectOpenAI(schemaName, value, options) {
  return expectValid('openai', schemaName, value, options);
}

/** `expectValid('azure', ...)`. */
export function expectAzure(schemaName, value, options) {
  return expectValid('azure', schemaName, value, options);
}

/** `expectValid('openai-legacy', ...)`. */
export function expectLegacyOpenAI(schemaName, value, options) {
  return expectValid('openai-legacy', schemaName, value, options);
}

/** The names of the schemas in one spec's components (for discovery and error messages). */
export function schemaNames(spec) {
  return Object.keys(loadSpec(spec).components?.schemas ?? {});
}

/** The raw (unmodified) spec document, parsed. */
export function getSpec(spec) {
  return loadSpec(spec);
}

/** Names of the specs this helper knows. */
export const specNames = Object.keys(SPECS);

/** The names of the allow-listed real-vs-spec differences. */
export const knownDifferenceNames = KNOWN_DIFFERENCES.map((rule) => rule.name);

/**
 * Splits raw SSE text (`data: {...}\n\n` events) into its data payloads, without the `[DONE]` sentinel.
 * Returns `{ events, done }` where `done` tells whether `data: [DONE]` was seen.
 */
export function parseSseData(text) {
  const events = [];
  let done = false;
  for (const block of text.split(/\r?\n\r?\n/)) {
    const data = block
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (!data) continue;
    if (data === '[DONE]') done = true;
    else events.push(JSON.parse(data));
  }
  return { events, done };
}
export { checkDeferredImports, importedModules, includesPackage, nodeOnlyUsages } from './imported-modules.js';
