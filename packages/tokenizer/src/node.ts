/**
 * The Node entry (also what `@switchboard/tokenizer` resolves to under the `node` export condition): the whole API,
 * with tiktoken's WASM and rank files loaded from disk on first use, plus `readImageSize` for image files.
 */
import { nodePlatformLoader } from './node/node-platform-loader.js';
import { setPlatformLoader } from './runtime/tiktoken-runtime.js';

setPlatformLoader(nodePlatformLoader);

export * from './index.js';
export { readImageSize } from './node/read-image-size.js';
