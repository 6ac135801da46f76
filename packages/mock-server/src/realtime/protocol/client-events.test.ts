import { describe, expect, it } from 'vitest';
import { errorFor, joinDeltas, userMessage, useSharedHarness } from '../__fixtures__/harness.js';
import { replyText, syntheticTranscript } from '../replies/reply-text.js';
import { PCM16_24KHZ, synthesizeAudio } from './audio.js';

const shared = useSharedHarness({ sessionDefaults: { output_modalities: ['text'] } });

describe('invalid client events get the real error shape and the session carries on', () => {
  it.each([
    ['malformed JSON', '{"type": "session.update"', { code: 'invalid_json', event_id: null }],
    ['a non-object', '[1,2]', { code: 'invalid_type' }],
    ['a missing type', { event_id: 'e1' }, { code: 'missing_required_parameter', param: 'type', event_id: 'e1' }],
    ['a non-string type', { type: 7 }, { code: 'invalid_type', param: 'type' }],
    [
      'an unknown type',
      { type: 'session.explode', event_id: 'e2' },
      { code: 'invalid_value', param: 'type', event_id: 'e2' },
    ],
    [
      'session.update without session',
      { type: 'session.update' },
      { code: 'missing_required_parameter', param: 'session' },
    ],
    ['session.update without type', { type: 'session.update', session: {} }, { param: 'session.type' }],
    [
      'a transcription session',
      { type: 'session.update', session: { type: 'transcription' } },
      { param: 'session.type' },
    ],
    [
      'an unknown session field',
      { type: 'session.update', session: { type: 'realtime', voice: 'x' } },
      { code: 'unknown_parameter', param: 'session.voice' },
    ],
    [
      'two modalities',
      { type: 'session.update', session: { type: 'realtime', output_modalities: ['text', 'audio'] } },
      { code: 'invalid_value' },
    ],
    [
      'a bad modality',
      { type: 'session.update', session: { type: 'realtime', output_modalities: ['smell'] } },
      { param: 'session.output_modalities[0]' },
    ],
    [
      'a numeric instruction',
      { type: 'session.update', session: { type: 'realtime', instructions: 3 } },
      { code: 'invalid_type', param: 'session.instructions' },
    ],
    [
      'a bad audio format',
      { type: 'session.update', session: { type: 'realtime', audio: { input: { format: { type: 'audio/mp3' } } } } },
      { param: 'session.audio.input.format.type' },
    ],
    [
      'a bad speed',
      { type: 'session.update', session: { type: 'realtime', audio: { output: { speed: 9 } } } },
      { code: 'decimal_out_of_range' },
    ],
    [
      'a bad turn detection',
      {
        type: 'session.update',
        session: { type: 'realtime', audio: { input: { turn_detection: { type: 'magic' } } } },
      },
      { code: 'invalid_value' },
    ],
    [
      'a nameless tool',
      { type: 'session.update', session: { type: 'realtime', tools: [{ type: 'function' }] } },
      { param: 'session.tools[0].name' },
    ],
    [
      'a bad tool choice',
      { type: 'session.update', session: { type: 'realtime', tool_choice: 'always' } },
      { param: 'session.tool_choice' },
    ],
    [
      'too many output tokens',
      { type: 'session.update', session: { type: 'realtime', max_output_tokens: 5000 } },
      { code: 'integer_out_of_range' },
    ],
    [
      'bad tracing',
      { type: 'session.update', session: { type: 'realtime', tracing: 'manual' } },
      { param: 'session.tracing' },
    ],
    [
      'bad truncation',
      { type: 'session.update', session: { type: 'realtime', truncation: 'sometimes' } },
      { param: 'session.truncation' },
    ],
    [
      'non-base64 audio',
      { type: 'input_audio_buffer.append', audio: 'not base64!' },
      { code: 'invalid_value', param: 'audio' },
    ],
    ['an empty commit', { type: 'input_audio_buffer.commit' }, { code: 'input_audio_buffer_commit_empty' }],
    ['an item without type', { type: 'conversation.item.create', item: {} }, { param: 'item.type' }],
    [
      'a user item with output text',
      userMessage('x', { item: { type: 'message', role: 'user', content: [{ type: 'output_text', text: 'x' }] } }),
      { param: 'item.content[0].type' },
    ],
    ['an unknown previous item', userMessage('x', { previous_item_id: 'item_nope' }), { code: 'item_not_found' }],
    [
      'retrieving a missing item',
      { type: 'conversation.item.retrieve', item_id: 'item_nope' },
      { code: 'item_retrieve_invalid_item_id' },
    ],
    [
      'deleting a missing item',
      { type: 'conversation.item.delete', item_id: 'item_nope' },
      { code: 'item_delete_invalid_item_id' },
    ],
    [
      'truncating a missing item',
      { type: 'conversation.item.truncate', item_id: 'item_nope', content_index: 0, audio_end_ms: 0 },
      { code: 'item_truncate_invalid_item_id' },
    ],
    [
      'a bad response param',
      { type: 'response.create', response: { colour: 'red' } },
      { code: 'unknown_parameter', param: 'response.colour' },
    ],
    [
      'a bad response output format',
      { type: 'response.create', response: { audio: { output: { format: { type: 'wav' } } } } },
      { param: 'response.audio.output.format.type' },
    ],
    ['cancel without response', { type: 'response.cancel' }, { code: 'response_cancel_not_active' }],
    ['output_audio_buffer.clear', { type: 'output_audio_buffer.clear' }, { code: 'unsupported_event' }],
  ])('%s', async (_name, event, expected) => {
    const client = await shared.connect();
    const error = await errorFor(client, event);
    expect(error).toMatchObject({ type: 'invalid_request_error', ...expected });
    expect(error.message).toEqual(expect.any(String));
    // The connection is still usable afterwards.
    const updated = await client.request({ type: 'session.update', session: { type: 'realtime' } }, 'session.updated');
    expect(updated.session).toMatchObject({ type: 'realtime' });
  });

  it('names the supported types in the unknown-type message', async () => {
    const client = await shared.connect();
    const error = await errorFor(client, { type: 'nope' });
    expect(error.message).toBe(
      "Invalid value: 'nope'. Supported values are: 'session.update', 'input_audio_buffer.append', 'input_audio_buffer.commit', 'input_audio_buffer.clear', 'conversation.item.create', 'conversation.item.retrieve', 'conversation.item.truncate', 'conversation.item.delete', 'response.create', 'response.cancel' and 'output_audio_buffer.clear'.",
    );
  });
});

describe('input audio', () => {
  it('commits appended audio as a user item with a synthetic transcription, then clears', async () => {
    const client = await shared.connect();
    await client.request(
      {
        type: 'session.update',
        session: { type: 'realtime', audio: { input: { transcription: { model: 'whisper-1' } } } },
      },
      'session.updated',
    );
    const audio = synthesizeAudio(300, PCM16_24KHZ);
    client.send({ type: 'input_audio_buffer.append', audio: audio.subarray(0, 9600).toString('base64') });
    client.send({ type: 'input_audio_buffer.append', audio: audio.subarray(9600).toString('base64') });
    const committed = await client.request({ type: 'input_audio_buffer.commit' }, 'input_audio_buffer.committed');
    const added = await client.next('conversation.item.added');
    expect(added.item).toMatchObject({ id: committed.item_id, role: 'user', content: [{ type: 'input_audio' }] });
    await client.next('conversation.item.done');
    const transcription = await client.next('conversation.item.input_audio_transcription.completed');
    expect(transcription).toMatchObject({
      item_id: committed.item_id,
      content_index: 0,
      transcript: syntheticTranscript(audio.length, PCM16_24KHZ),
    });
    expect(transcription.transcript).toBe('Synthetic transcript of 300 ms of audio.');
    client.send({ type: 'response.create' });
    const done = await client.next('response.done');
    const usage = (done.response as { usage: { input_token_details: { audio_tokens: number } } }).usage;
    expect(usage.input_token_details.audio_tokens).toBe(3);
    expect(joinDeltas(client.events, 'response.output_text.delta')).toBe(
      replyText('Synthetic transcript of 300 ms of audio.'),
    );
    client.send({ type: 'input_audio_buffer.append', audio: audio.toString('base64') });
    await client.request({ type: 'input_audio_buffer.clear' }, 'input_audio_buffer.cleared');
    expect((await errorFor(client, { type: 'input_audio_buffer.commit' })).code).toBe(
      'input_audio_buffer_commit_empty',
    );
  });

  it('counts G.711 audio at 8 kHz and skips transcription when it is off', async () => {
    const client = await shared.connect();
    await client.request(
      { type: 'session.update', session: { type: 'realtime', audio: { input: { format: { type: 'audio/pcma' } } } } },
      'session.updated',
    );
    client.send({ type: 'input_audio_buffer.append', audio: Buffer.alloc(800).toString('base64') });
    await client.request({ type: 'input_audio_buffer.commit' }, 'conversation.item.done');
    await client.request({ type: 'session.update', session: { type: 'realtime' } }, 'session.updated');
    expect(client.events.some((event) => event.type.startsWith('conversation.item.input_audio_transcription'))).toBe(
      false,
    );
  });
});
