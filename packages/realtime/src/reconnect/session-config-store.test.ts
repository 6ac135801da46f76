import { describe, expect, it } from 'vitest';
import { SessionConfigStore } from './session-config-store.js';

describe('SessionConfigStore', () => {
  it('is empty until something is set', () => {
    expect(new SessionConfigStore().current()).toBeUndefined();
  });

  it('merges updates: later values win, nested objects merge, arrays replace', () => {
    const store = new SessionConfigStore();
    store.merge({
      instructions: 'A',
      audio: { input: { turn_detection: null } },
      tools: [{ type: 'function', name: 'a' }],
    });
    store.merge({
      audio: { output: { voice: 'marin' } },
      tools: [{ type: 'function', name: 'b' }],
      instructions: undefined,
    });
    store.merge({ output_modalities: ['text'] });
    expect(store.current()).toEqual({
      type: 'realtime',
      instructions: 'A',
      output_modalities: ['text'],
      audio: { input: { turn_detection: null }, output: { voice: 'marin' } },
      tools: [{ type: 'function', name: 'b' }],
    });
  });

  it('returns a copy each time', () => {
    const store = new SessionConfigStore();
    store.merge({ audio: { output: { voice: 'alloy' } } });
    const copy = store.current();
    if (copy?.audio?.output) copy.audio.output.voice = 'changed';
    expect(store.current()?.audio?.output?.voice).toBe('alloy');
  });
});
