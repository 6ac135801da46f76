/**
 * The realtime WebSocket URL for a model under an API base URL: `https://host/v1` → `wss://host/v1/realtime?model=`
 * (`http` → `ws` for local servers). Extra query parameters (Azure's) are added after `model`. No key ever goes in.
 */
export function realtimeUrl(baseURL: string, model: string, query: Record<string, string> = {}): string {
  const url = new URL(baseURL);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/realtime`;
  url.search = '';
  url.searchParams.set('model', model);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}
