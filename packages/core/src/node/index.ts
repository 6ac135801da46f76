export { analyzeImage } from './analyze-image.js';
export { lazyModule } from './lazy-module.js';
export { readImageFile } from './read-image-file.js';
export { toImageUrl } from './to-image-url.js';
