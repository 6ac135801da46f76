// Entry point for Cloudflare workerd: the fetch handler runs the smoke with the settings POSTed by the harness and
// answers its result as JSON. Workers may not compile WebAssembly from bytes, so tiktoken's WASM comes in as a module
// of the worker (workerd's `wasm` module type, as a Workers `.wasm` import gives it) and goes to `initTokenizer`.

import { describeError, runSmoke } from './smoke.mjs';
import tiktokenWasm from './tiktoken_bg.wasm';

export default {
  async fetch(request) {
    try {
      const config = await request.json();
      return Response.json(await runSmoke({ ...config, tokenizerWasm: async () => tiktokenWasm }));
    } catch (error) {
      return Response.json({ ok: false, checks: [{ name: 'worker', ok: false, error: describeError(error) }] });
    }
  },
};
