import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root (tools/conformance/src → ../../..). */
export const repoRoot = resolve(here, '..', '..', '..');

/** Where the team's read-only reference data lives: `<repo root>/../shared/reference`. */
export const referenceDir = process.env.SWITCHBOARD_REFERENCE_DIR ?? resolve(repoRoot, '..', 'shared', 'reference');

/**
 * The three specs, each with the file it comes from and the JSON Schema dialect its schemas are written in.
 * `draft` decides the Ajv class: the 3.1 spec is JSON Schema 2020-12, the 3.0 specs are draft-07 (plus `nullable`).
 */
export const SPECS = {
  openai: { file: 'openai-openapi.yaml', draft: '2020-12', id: 'openai.json' },
  'openai-legacy': { file: 'openai-openapi-3.0-legacy.yaml', draft: '07', id: 'openai-legacy.json' },
  azure: { file: 'azure-openai-inference-2024-10-21.json', draft: '07', id: 'azure.json' },
};

const loaded = new Map();

/**
 * Reads one spec, once per process. Parsing the 3 MB YAML takes over a second, so the parsed JSON is also cached on
 * disk (under this package's node_modules/.cache, keyed by the source file's size and mtime).
 */
export function loadSpec(name) {
  const spec = SPECS[name];
  if (!spec) throw new Error(`unknown spec "${name}" (expected one of ${Object.keys(SPECS).join(', ')})`);
  const cached = loaded.get(name);
  if (cached) return cached;
  const path = join(referenceDir, spec.file);
  if (!existsSync(path)) {
    throw new Error(`reference spec not found at ${path}: the shared reference folder must sit beside the repo`);
  }
  const doc = spec.file.endsWith('.json') ? JSON.parse(readFileSync(path, 'utf8')) : readYamlCached(path);
  loaded.set(name, doc);
  return doc;
}

function readYamlCached(path) {
  const stat = statSync(path);
  const key = createHash('sha1').update(`${path}:${stat.size}:${stat.mtimeMs}`).digest('hex').slice(0, 16);
  const cacheDir = resolve(here, '..', 'node_modules', '.cache', 'conformance');
  const cacheFile = join(cacheDir, `${key}.json`);
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8'));
  } catch {
    // No usable cache: parse the YAML and try to leave a cache behind; a read-only tree just means no cache.
  }
  const doc = parseYaml(readFileSync(path, 'utf8'), { maxAliasCount: -1 });
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(doc));
    renameSync(tmp, cacheFile);
  } catch {
    // Caching is an optimisation only.
  }
  return doc;
}
