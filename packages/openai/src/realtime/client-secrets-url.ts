/**
 * Where client secrets are minted, from the realtime WebSocket URL: `wss://host/v1/realtime?model=m` →
 * `https://host/v1/realtime/client_secrets`. Azure mints only on its v1 GA route, so a dated deployment URL
 * (`/openai/realtime?api-version=...`) maps to `/openai/v1/realtime/client_secrets`.
 */
export function clientSecretsUrl(realtimeUrl: string): string {
  const url = new URL(realtimeUrl);
  url.protocol = url.protocol === 'ws:' ? 'http:' : 'https:';
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = `${path.endsWith('/openai/realtime') ? `${path.slice(0, -'/realtime'.length)}/v1/realtime` : path}/client_secrets`;
  url.search = '';
  return url.href;
}
