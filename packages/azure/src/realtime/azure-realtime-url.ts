import { realtimeUrl } from '@switchboard/openai/internal';
import { type AzureSurface, azureBaseUrl } from '../options/azure-surface.js';

/**
 * The realtime WebSocket URL for a deployment: v1 GA `wss://{resource}/openai/v1/realtime?model={deployment}`, a
 * dated version `wss://{resource}/openai/realtime?api-version={version}&deployment={deployment}`. Never with a key.
 */
export function azureRealtimeUrl(resourceUrl: string, surface: AzureSurface, deployment: string): string {
  const base = azureBaseUrl(resourceUrl, surface);
  if (surface.kind === 'v1') {
    return realtimeUrl(base, deployment, surface.apiVersion ? { 'api-version': surface.apiVersion } : {});
  }
  const url = new URL(realtimeUrl(base, deployment, { 'api-version': surface.apiVersion, deployment }));
  url.searchParams.delete('model');
  return url.href;
}
