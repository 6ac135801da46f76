import { describe, expect, it } from 'vitest';
import { azureBaseUrl, azureSurface } from './azure-surface.js';

describe('azureSurface', () => {
  it('is the v1 GA surface by default and for v1; preview stays on v1 with its api-version', () => {
    expect(azureSurface(undefined)).toEqual({ kind: 'v1' });
    expect(azureSurface('v1')).toEqual({ kind: 'v1' });
    expect(azureSurface('preview')).toEqual({ kind: 'v1', apiVersion: 'preview' });
  });

  it('is the dated surface for a date', () => {
    expect(azureSurface('2024-10-21')).toEqual({ kind: 'dated', apiVersion: '2024-10-21' });
    expect(azureSurface('2025-04-01-preview')).toEqual({ kind: 'dated', apiVersion: '2025-04-01-preview' });
  });

  it('gives the base URL of each surface', () => {
    const resource = 'https://r.openai.azure.com';
    expect(azureBaseUrl(resource, { kind: 'v1' })).toBe('https://r.openai.azure.com/openai/v1');
    expect(azureBaseUrl(resource, { kind: 'dated', apiVersion: '2024-10-21' })).toBe(
      'https://r.openai.azure.com/openai',
    );
  });
});
