import { describe, expect, it } from 'vitest';
import { errorFor, joinDeltas, userMessage, useSharedHarness } from '../__fixtures__/harness.js';

const shared = useSharedHarness({ sessionDefaults: { output_modalities: ['text'] } });

describe('conversation items', () => {
  it('inserts after previous_item_id or at the root, retrieves, truncates and deletes', async () => {
    const client = await shared.connect();
    const first = await client.request(userMessage('one'), 'conversation.item.added');
    expect(first.previous_item_id).toBeNull();
    const firstId = (first.item as { id: string }).id;
    const second = await client.request(
      userMessage('two', {
        item: { id: 'item_custom', type: 'message', role: 'system', content: [{ type: 'input_text', text: 'two' }] },
      }),
      'conversation.item.added',
    );
    expect(second.previous_item_id).toBe(firstId);
    const rooted = await client.request(userMessage('zero', { previous_item_id: 'root' }), 'conversation.item.added');
    expect(rooted.previous_item_id).toBeNull();
    const between = await client.request(userMessage('half', { previous_item_id: firstId }), 'conversation.item.added');
    expect(between.previous_item_id).toBe(firstId);
    expect(
      (
        await errorFor(
          client,
          userMessage('dup', { item: { id: 'item_custom', type: 'message', role: 'user', content: [] } }),
        )
      ).code,
    ).toBe('duplicate_item_id');
    const retrieved = await client.request(
      { type: 'conversation.item.retrieve', item_id: 'item_custom' },
      'conversation.item.retrieved',
    );
    expect(retrieved.item).toMatchObject({ id: 'item_custom', role: 'system' });
    const assistant = await client.request(
      {
        type: 'conversation.item.create',
        item: {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_audio', audio: 'AAAA', transcript: 'hi' }],
        },
      },
      'conversation.item.added',
    );
    const assistantId = (assistant.item as { id: string }).id;
    expect(assistant.item).toMatchObject({ content: [{ type: 'output_audio', transcript: 'hi' }] });
    const truncated = await client.request(
      { type: 'conversation.item.truncate', item_id: assistantId, content_index: 0, audio_end_ms: 10 },
      'conversation.item.truncated',
    );
    expect(truncated).toMatchObject({ item_id: assistantId, content_index: 0, audio_end_ms: 10 });
    expect(
      (
        await errorFor(client, {
          type: 'conversation.item.truncate',
          item_id: firstId,
          content_index: 0,
          audio_end_ms: 10,
        })
      ).param,
    ).toBe('content_index');
    expect(
      (
        await errorFor(client, {
          type: 'conversation.item.truncate',
          item_id: assistantId,
          content_index: 'a',
          audio_end_ms: 10,
        })
      ).code,
    ).toBe('invalid_type');
    const deleted = await client.request(
      { type: 'conversation.item.delete', item_id: 'item_custom' },
      'conversation.item.deleted',
    );
    expect(deleted.item_id).toBe('item_custom');
    expect((await errorFor(client, { type: 'conversation.item.retrieve', item_id: 'item_custom' })).code).toBe(
      'item_retrieve_invalid_item_id',
    );
  });

  it('accepts images, user audio and function call items', async () => {
    const client = await shared.connect();
    const image = await client.request(
      {
        type: 'conversation.item.create',
        item: {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_image', image_url: 'https://example.com/a.png' },
            { type: 'input_audio', audio: Buffer.alloc(4800).toString('base64') },
          ],
        },
      },
      'conversation.item.added',
    );
    expect(image.item).toMatchObject({ content: [{ type: 'input_image' }, { type: 'input_audio' }] });
    const call = await client.request(
      { type: 'conversation.item.create', item: { type: 'function_call', name: 'f' } },
      'conversation.item.added',
    );
    expect(call.item).toMatchObject({
      type: 'function_call',
      name: 'f',
      arguments: '{}',
      call_id: expect.stringMatching(/^call_/),
    });
    client.send({ type: 'response.create' });
    await client.next('response.done');
    expect(joinDeltas(client.events, 'response.output_text.delta')).toContain('Synthetic transcript of 100 ms');
  });
});
