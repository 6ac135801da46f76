// Entry point for Cloudflare workerd: the fetch handler runs the smoke with the settings POSTed by the harness and
// answers its result as JSON. Workers may not compile WebAssembly from bytes, so tiktoken's WASM comes in as a module
// of the worker (workerd's `wasm` module type) and is handed to the tokenizer when it exports an initialiser for it.
import * as tokenizer from '@switchboard/tokenizer';
import { describeError, runSmoke } from './smoke.mjs';
import tiktokenWasm from './tiktoken_bg.wasm';

const WASM_INITIALISERS = ['initTokenizer', 'initTokenizerWasm', 'initWasm'];

export default {
  async fetch(request) {
    try {
      const config = await request.json();
      const initialiser = WASM_INITIALISERS.find((name) => typeof tokenizer[name] === 'function');
      const result = await runSmoke({
        ...config,
        prepareTokenizer: initialiser ? () => tokenizer[initialiser]({ wasm: tiktokenWasm }) : undefined,
      });
      return Response.json({ ...result, tokenizerInitialiser: initialiser ?? null });
    } catch (error) {
      return Response.json({ ok: false, checks: [{ name: 'worker', ok: false, error: describeError(error) }] });
    }
  },
};
