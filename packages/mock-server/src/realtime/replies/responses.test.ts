import { describe, expect, it } from 'vitest';
import { errorFor, joinDeltas, userMessage, useSharedHarness } from '../__fixtures__/harness.js';
import { GREETING, replyText } from './reply-text.js';

const shared = useSharedHarness({ sessionDefaults: { output_modalities: ['text'] } });

describe('responses', () => {
  it('greets an empty conversation and refuses a second response while one is active', async () => {
    const client = await shared.connect();
    shared.harness.controller.setLatency({ betweenDeltasMs: 20 });
    client.send({ type: 'response.create' });
    await client.next('response.created');
    const error = await errorFor(client, { type: 'response.create', event_id: 'again' });
    expect(error).toMatchObject({ code: 'conversation_already_has_active_response', event_id: 'again' });
    const wrongCancel = await errorFor(client, { type: 'response.cancel', response_id: 'resp_other' });
    expect(wrongCancel.code).toBe('response_cancel_not_active');
    await client.next('response.done');
    shared.harness.controller.setLatency({ betweenDeltasMs: 0 });
    expect(joinDeltas(client.events, 'response.output_text.delta')).toBe(GREETING);
  });

  it('stops at max_output_tokens with status incomplete', async () => {
    const client = await shared.connect();
    client.send(userMessage('count to ten please'));
    client.send({ type: 'response.create', response: { max_output_tokens: 3 } });
    const done = await client.next('response.done');
    expect(done.response).toMatchObject({
      status: 'incomplete',
      status_details: { type: 'incomplete', reason: 'max_output_tokens' },
    });
    expect(client.events.filter((event) => event.type === 'response.output_text.delta')).toHaveLength(3);
  });

  it('answers out of band (conversation none) from its own input, without touching the conversation', async () => {
    const client = await shared.connect();
    client.send({
      type: 'response.create',
      response: {
        conversation: 'none',
        metadata: { purpose: 'classify' },
        instructions: 'Classify.',
        output_modalities: ['audio'],
        audio: { output: { voice: 'cedar', format: { type: 'audio/pcmu' } } },
        input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'side question' }] }],
      },
    });
    const done = await client.next('response.done');
    expect(done.response).toMatchObject({
      metadata: { purpose: 'classify' },
      audio: { output: { voice: 'cedar', format: { type: 'audio/pcmu' } } },
    });
    expect((done.response as Record<string, unknown>).conversation_id).toBeUndefined();
    expect(joinDeltas(client.events, 'response.output_audio_transcript.delta')).toBe(replyText('side question'));
    const pcmu = Buffer.from(
      client.events.find((event) => event.type === 'response.output_audio.delta')?.delta as string,
      'base64',
    );
    expect(pcmu.every((byte) => byte === 0xff)).toBe(true);
    expect(client.events.some((event) => event.type === 'conversation.item.added')).toBe(false);
  });

  it('honours tool_choice required, a named tool and none', async () => {
    const client = await shared.connect();
    const tools = [
      {
        type: 'function',
        name: 'first_tool',
        parameters: { type: 'object', properties: { n: { type: 'integer', minimum: 2 } } },
      },
      { type: 'function', name: 'second_tool' },
    ];
    client.send(userMessage('nothing relevant'));
    client.send({ type: 'response.create', response: { tools, tool_choice: 'required' } });
    let done = await client.next('response.done');
    expect((done.response as { output: unknown[] }).output[0]).toMatchObject({
      name: 'first_tool',
      arguments: '{"n":2}',
    });
    client.send({
      type: 'response.create',
      response: { tools, tool_choice: { type: 'function', name: 'second_tool' } },
    });
    done = await client.next('response.done');
    expect((done.response as { output: unknown[] }).output[0]).toMatchObject({ name: 'second_tool', arguments: '{}' });
    client.send(userMessage('please use first tool'));
    client.send({ type: 'response.create', response: { tools, tool_choice: 'none' } });
    done = await client.next('response.done');
    expect((done.response as { output: unknown[] }).output[0]).toMatchObject({ type: 'message' });
  });
});
