import { describe, expect, it } from 'vitest';
import { resourceUrl } from './resource-url.js';

describe('resourceUrl', () => {
  it('keeps only the origin of an endpoint', () => {
    expect(resourceUrl({ endpoint: 'https://r.openai.azure.com/' })).toBe('https://r.openai.azure.com');
    expect(resourceUrl({ endpoint: 'https://r.openai.azure.com/openai/v1/' })).toBe('https://r.openai.azure.com');
    expect(resourceUrl({ endpoint: 'http://127.0.0.1:8080' })).toBe('http://127.0.0.1:8080');
  });

  it('builds the endpoint from a resource name', () => {
    expect(resourceUrl({ resourceName: 'my-resource' })).toBe('https://my-resource.openai.azure.com');
  });
});
