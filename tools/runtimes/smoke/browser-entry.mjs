// Entry point for the browser page: settings come in the URL fragment (JSON). The streamed answer is shown on the
// page (the harness keeps a screenshot) and the result is left on `window.__smokeResult` for the harness to read.
import { describeError, runSmoke } from './smoke.mjs';

const status = document.getElementById('status');
const answer = document.getElementById('answer');
const list = document.getElementById('checks');

try {
  const config = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  status.textContent = 'running…';
  const result = await runSmoke({
    ...config,
    tokenizerWasm: () => fetch(new URL('./tiktoken_bg.wasm', location.href)),
    onStreamText: (text) => (answer.textContent = text),
  });
  for (const check of result.checks) {
    const item = document.createElement('li');
    item.textContent = `${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.ok ? check.detail : check.error}`;
    item.className = check.ok ? 'ok' : 'fail';
    list.append(item);
  }
  status.textContent = result.ok ? 'every check passed' : 'some checks failed';
  window.__smokeResult = result;
} catch (error) {
  status.textContent = `failed: ${describeError(error)}`;
  window.__smokeResult = { ok: false, checks: [{ name: 'page', ok: false, error: describeError(error) }] };
}
