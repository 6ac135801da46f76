// The main entry under the `node` export condition (Node, Bun, Deno, and bundles for platform node): the same API
// as `./index.js`, with a file reader installed so image file paths work as they always have. Browser, worker and
// browser-bundle builds resolve `./index.js` instead, which imports no `node:` module.
import { setPlatformImageReader } from './helpers/image-input.js';
import { readImageFile } from './node/read-image-file.js';

setPlatformImageReader(readImageFile);

export * from './index.js';
