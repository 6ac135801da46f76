/**
 * The allow-list of places where real traffic and the specs disagree, exactly as listed in
 * ../shared/reference/README.md ("Where real traffic and the specs disagree"). Each rule checks the part it
 * excuses as strictly as it can (against the closest schema) and then takes it out of the value before the main
 * validation runs, so nothing else slips through.
 *
 * A rule is `{ name, applies(spec, schema, value), apply(value, check) -> { value, errors } }`, where
 * `check(spec, schema, part)` validates a part and returns error lines.
 */

const CHUNK_SCHEMAS = new Set(['CreateChatCompletionStreamResponse', 'createChatCompletionStreamResponse']);
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Azure's first stream chunk: `{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[...]}`. */
const azureFirstChunk = {
  name: 'azure-first-chunk',
  applies: (_spec, schema, value) =>
    CHUNK_SCHEMAS.has(schema) && isObject(value) && value.object === '' && Array.isArray(value.prompt_filter_results),
  apply(value, check) {
    const errors = [];
    const expected = { choices: [], created: 0, id: '', model: '', object: '' };
    for (const [key, want] of Object.entries(expected)) {
      if (JSON.stringify(value[key]) !== JSON.stringify(want)) {
        errors.push(`/${key} must be ${JSON.stringify(want)} in Azure's prompt-filter chunk`);
      }
    }
    const extra = Object.keys(value).filter((key) => !(key in expected) && key !== 'prompt_filter_results');
    for (const key of extra) errors.push(`(root) has unexpected property "${key}" in Azure's prompt-filter chunk`);
    errors.push(...check('azure', 'promptFilterResults', value.prompt_filter_results, '/prompt_filter_results'));
    return { value: undefined, errors };
  },
};

/** Azure sends `system_fingerprint: null`; the Azure spec says string. */
const azureSystemFingerprintNull = {
  name: 'azure-system-fingerprint-null',
  applies: (spec, _schema, value) => spec === 'azure' && isObject(value) && value.system_fingerprint === null,
  apply(value) {
    const { system_fingerprint: _ignored, ...rest } = value;
    return { value: rest, errors: [] };
  },
};

/** The Azure spec's stream chunk has no `usage`, yet the service sends it (null, then the totals in the last chunk). */
const azureStreamUsage = {
  name: 'azure-stream-usage',
  applies: (spec, schema, value) =>
    spec === 'azure' && schema === 'createChatCompletionStreamResponse' && isObject(value) && 'usage' in value,
  apply(value, check) {
    const { usage, ...rest } = value;
    const errors = usage === null ? [] : check('azure', 'completionUsage', usage, '/usage');
    return { value: rest, errors };
  },
};

/** The Azure spec's request schema has no `stream_options`, yet the service accepts it. */
const azureStreamOptions = {
  name: 'azure-stream-options',
  applies: (spec, schema, value) =>
    spec === 'azure' && schema === 'createChatCompletionRequest' && isObject(value) && 'stream_options' in value,
  apply(value, check) {
    const { stream_options: options, ...rest } = value;
    const errors = options === null ? [] : check('azure', 'chatCompletionStreamOptions', options, '/stream_options');
    return { value: rest, errors };
  },
};

/** Legacy completions streams send `finish_reason: null` and `usage: null` in every chunk. */
const legacyCompletionNulls = {
  name: 'legacy-completion-nulls',
  applies: (_spec, schema, value) => schema === 'CreateCompletionResponse' && isObject(value),
  apply(value) {
    const { usage, ...rest } = value;
    const out = usage === null ? rest : { ...rest, usage };
    if (Array.isArray(out.choices)) {
      out.choices = out.choices.map((choice) => {
        if (!isObject(choice) || choice.finish_reason !== null) return choice;
        const { finish_reason: _ignored, ...others } = choice;
        return { ...others, finish_reason: 'stop' };
      });
    }
    return { value: out, errors: [] };
  },
};

/** Newer streams add fields such as `obfuscation` and `service_tier` (the 3.1 spec knows them; the others do not). */
const newerStreamFields = {
  name: 'newer-stream-fields',
  applies: (spec, schema, value) =>
    spec !== 'openai' &&
    CHUNK_SCHEMAS.has(schema) &&
    isObject(value) &&
    ('obfuscation' in value || 'service_tier' in value),
  apply(value) {
    const { obfuscation, service_tier, ...rest } = value;
    const errors = [];
    if (obfuscation !== undefined && typeof obfuscation !== 'string') errors.push('/obfuscation must be string');
    if (service_tier !== undefined && service_tier !== null && typeof service_tier !== 'string') {
      errors.push('/service_tier must be string');
    }
    return { value: rest, errors };
  },
};

/** Every rule, in the order they run. */
export const KNOWN_DIFFERENCES = [
  azureFirstChunk,
  azureSystemFingerprintNull,
  azureStreamUsage,
  azureStreamOptions,
  legacyCompletionNulls,
  newerStreamFields,
];
