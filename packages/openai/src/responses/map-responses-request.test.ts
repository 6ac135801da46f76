import { describe, expect, it } from 'vitest';
import { mapResponsesInput } from './map-responses-input.js';
import { mapResponsesRequest } from './map-responses-request.js';

const options = { model: 'gpt-5-mini', providerOptionsKey: 'openai' };

describe('mapResponsesInput', () => {
  it('makes leading system messages instructions and later ones developer messages; names are dropped', () => {
    const mapped = mapResponsesInput(
      [
        { role: 'system', content: 'A.' },
        { role: 'system', content: 'B.' },
        { role: 'user', content: 'hi', name: 'alice' },
        { role: 'system', content: 'C.' },
        { role: 'assistant', content: null, refusal: 'No.' },
      ],
      'openai',
    );
    expect(mapped.instructions).toBe('A.\n\nB.');
    expect(mapped.input).toEqual([
      { type: 'message', role: 'user', content: 'hi' },
      { type: 'message', role: 'developer', content: 'C.' },
      { type: 'message', role: 'assistant', content: 'No.' },
    ]);
    expect(mapResponsesInput([{ role: 'user', content: 'x' }], 'openai').instructions).toBeUndefined();
  });

  it('puts the reasoning items an assistant turn carries (under its own provider key only) before it', () => {
    const reasoning = { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'blob' };
    const mapped = mapResponsesInput(
      [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: 'a',
          providerMetadata: { openai: { reasoningItems: [reasoning, { type: 'other' }, null] } },
        },
        { role: 'assistant', content: 'b', providerMetadata: { azure: { reasoningItems: [reasoning] } } },
        { role: 'assistant', content: 'c', providerMetadata: { openai: { reasoningItems: 'not a list' } } },
      ],
      'openai',
    );
    expect(mapped.input.map((item) => item.type === 'reasoning' || item.content)).toEqual(['q', true, 'a', 'b', 'c']);
  });
});

describe('mapResponsesRequest', () => {
  it('maps tools, tool choice, formats, reasoning (deprecated alias too) and leaves out what Responses lacks', () => {
    const body = mapResponsesRequest(
      {
        model: 'x',
        messages: [{ role: 'user', content: 'hi' }],
        tools: [{ name: 'f', parameters: { type: 'object' } }],
        toolChoice: 'required',
        responseFormat: { type: 'text' },
        reasoningEffort: 'low',
        stop: ['x'],
        seed: 1,
        presencePenalty: 1,
        frequencyPenalty: 1,
        temperature: 1,
      },
      { ...options, reasoning: true },
    );
    expect(body).toEqual({
      model: 'gpt-5-mini',
      input: [{ type: 'message', role: 'user', content: 'hi' }],
      tools: [{ type: 'function', name: 'f', parameters: { type: 'object' }, strict: false }],
      tool_choice: 'required',
      text: { format: { type: 'text' } },
      reasoning: { effort: 'low' },
    });
    const summaryOnly = mapResponsesRequest(
      { model: 'x', messages: [], reasoning: { summary: 'concise' } },
      { ...options, stream: true },
    );
    expect(summaryOnly).toMatchObject({ reasoning: { summary: 'concise' }, stream: true });
  });

  it('passes provider options through and asks for encrypted reasoning when store is false', () => {
    const request = (openai: Record<string, unknown>) => ({
      model: 'x',
      messages: [],
      providerOptions: { openai, azure: { ignored: true } },
    });
    expect(mapResponsesRequest(request({ store: false, truncation: 'auto', stream: true }), options)).toEqual({
      model: 'gpt-5-mini',
      input: [],
      store: false,
      truncation: 'auto',
      include: ['reasoning.encrypted_content'],
    });
    expect(
      mapResponsesRequest(request({ store: false, include: ['reasoning.encrypted_content'] }), options).include,
    ).toEqual(['reasoning.encrypted_content']);
    expect(
      mapResponsesRequest(request({ store: false, include: ['message.output_text.logprobs'] }), options).include,
    ).toEqual(['message.output_text.logprobs', 'reasoning.encrypted_content']);
    expect(mapResponsesRequest(request({ store: true }), options)).not.toHaveProperty('include');
  });
});
