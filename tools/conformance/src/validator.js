import Ajv07 from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { rewriteOpenApiSchemas } from './rewrite.js';
import { loadSpec, SPECS } from './specs.js';

const instances = new Map();
const compiled = new Map();

function toClass(mod) {
  return mod.default ?? mod;
}

/**
 * One Ajv per spec and mode, built on first use. The 3.1 spec uses Ajv2020; the 3.0 specs use draft-07 Ajv, except
 * when `noExtraProperties` is asked for: draft-07 has no `unevaluatedProperties`, so that mode uses Ajv2019, which
 * reads the same draft-07 keywords the 3.0 specs use and adds `unevaluatedProperties`.
 */
function getAjv(specName, strictObjects, oneOfAsAnyOf) {
  const spec = SPECS[specName];
  const Klass = spec.draft === '2020-12' ? toClass(Ajv2020) : strictObjects ? toClass(Ajv2019) : toClass(Ajv07);
  const key = `${specName}:${Klass === toClass(Ajv2019) ? '2019' : spec.draft}:${oneOfAsAnyOf ? 'anyOf' : 'oneOf'}`;
  let ajv = instances.get(key);
  if (ajv) return ajv;
  ajv = new Klass({ strict: false, allErrors: true, validateSchema: false, discriminator: false });
  toClass(addFormats)(ajv);
  const isInteger = (value) => Number.isInteger(value);
  const isNumber = (value) => Number.isFinite(value);
  ajv.addFormat('unixtime', { type: 'number', validate: isInteger });
  for (const [name, format] of [
    ['binary', true],
    ['int64', { type: 'number', validate: isInteger }],
    ['int32', { type: 'number', validate: isInteger }],
    ['double', { type: 'number', validate: isNumber }],
    ['float', { type: 'number', validate: isNumber }],
  ]) {
    if (!ajv.formats[name]) ajv.addFormat(name, format);
  }
  const doc = loadSpec(specName);
  const rewrite = (node) => rewriteOpenApiSchemas(node, { oneOfAsAnyOf });
  ajv.addSchema({ $id: spec.id, components: rewrite(doc.components), paths: rewrite(doc.paths) });
  instances.set(key, ajv);
  return ajv;
}

/** Accepts `Name` (a components.schemas entry) or a JSON pointer such as `#/paths/~1embeddings/post/...`. */
function toRef(specName, schemaName) {
  const { id } = SPECS[specName];
  if (schemaName.startsWith('#/')) return `${id}${schemaName}`;
  return `${id}#/components/schemas/${schemaName}`;
}

function hasSchema(specName, schemaName) {
  if (schemaName.startsWith('#/')) return true;
  return Boolean(loadSpec(specName).components?.schemas?.[schemaName]);
}

/** Returns the compiled validator for one schema of one spec (cached). */
export function getValidator(specName, schemaName, { noExtraProperties = false, oneOfAsAnyOf = false } = {}) {
  const key = `${specName}|${schemaName}|${noExtraProperties}|${oneOfAsAnyOf}`;
  let validate = compiled.get(key);
  if (validate) return validate;
  if (!SPECS[specName]) throw new Error(`unknown spec "${specName}"`);
  if (!hasSchema(specName, schemaName)) {
    throw new Error(`schema "${schemaName}" does not exist in the ${specName} spec`);
  }
  const ajv = getAjv(specName, noExtraProperties, oneOfAsAnyOf);
  const ref = { $ref: toRef(specName, schemaName) };
  validate = ajv.compile(noExtraProperties ? { ...ref, unevaluatedProperties: false } : ref);
  compiled.set(key, validate);
  return validate;
}

/** Turns Ajv's error objects into short lines such as `/choices/0/finish_reason must be equal to one of ...`. */
export function formatErrors(errors) {
  if (!errors) return [];
  const seen = new Set();
  const lines = [];
  for (const error of errors) {
    const where = error.instancePath || '(root)';
    let detail = error.message ?? 'is invalid';
    if (error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties') {
      detail = `has unexpected property "${error.params.unevaluatedProperty ?? error.params.additionalProperty}"`;
    } else if (error.keyword === 'enum') {
      detail = `must be one of ${JSON.stringify(error.params.allowedValues)}`;
    } else if (error.keyword === 'const') {
      detail = `must be ${JSON.stringify(error.params.allowedValue)}`;
    }
    const line = `${where} ${detail}`;
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
  }
  return lines;
}
