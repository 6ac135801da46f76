export type { StoreConformanceCase } from './rate-limit-store-conformance.js';
export { rateLimitStoreConformance } from './rate-limit-store-conformance.js';
