import { describe, expect, it } from 'vitest';
import { errorFor, useSharedHarness } from '../__fixtures__/harness.js';

const shared = useSharedHarness({ sessionDefaults: { output_modalities: ['text'] } });

describe('session.update', () => {
  it('applies every GA field and reports them in session.updated', async () => {
    const client = await shared.connect();
    const updated = await client.request(
      {
        type: 'session.update',
        session: {
          type: 'realtime',
          model: 'gpt-realtime-mini',
          instructions: 'Short answers.',
          output_modalities: ['audio'],
          audio: {
            input: {
              format: { type: 'audio/pcmu' },
              transcription: { model: 'gpt-4o-transcribe' },
              noise_reduction: { type: 'near_field' },
              turn_detection: { type: 'server_vad', threshold: 0.5 },
            },
            output: { format: { type: 'audio/pcm' }, voice: 'marin', speed: 1.2 },
          },
          tools: [{ type: 'function', name: 'lookup', parameters: { type: 'object', properties: {} } }],
          tool_choice: { type: 'function', name: 'lookup' },
          max_output_tokens: 200,
          tracing: 'auto',
          truncation: { type: 'retention_ratio', retention_ratio: 0.5 },
          include: ['item.input_audio_transcription.logprobs'],
          prompt: { id: 'pmpt_1' },
          parallel_tool_calls: true,
        },
      },
      'session.updated',
    );
    expect(updated.session).toMatchObject({
      model: 'gpt-realtime-mini',
      instructions: 'Short answers.',
      output_modalities: ['audio'],
      audio: {
        input: {
          format: { type: 'audio/pcmu' },
          transcription: { model: 'gpt-4o-transcribe' },
          turn_detection: { type: 'server_vad' },
        },
        output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin', speed: 1.2 },
      },
      tool_choice: { type: 'function', name: 'lookup' },
      max_output_tokens: 200,
      tracing: 'auto',
      include: ['item.input_audio_transcription.logprobs'],
      prompt: { id: 'pmpt_1' },
    });
    const cleared = await client.request(
      {
        type: 'session.update',
        session: {
          type: 'realtime',
          audio: { input: { transcription: null, noise_reduction: null, turn_detection: null } },
          tracing: null,
          include: null,
          prompt: null,
          truncation: 'disabled',
          max_output_tokens: 'inf',
          tool_choice: 'none',
        },
      },
      'session.updated',
    );
    const session = cleared.session as {
      audio: { input: Record<string, unknown> };
      include?: unknown;
      prompt?: unknown;
    };
    expect(session.audio.input.transcription).toBeUndefined();
    expect(session.audio.input.turn_detection).toBeNull();
    expect(session.include).toBeUndefined();
    expect(session.prompt).toBeUndefined();
  });
});

describe('session.update field checks', () => {
  const update = (session: object) => ({ type: 'session.update', session: { type: 'realtime', ...session } });
  const input = (fields: object) => update({ audio: { input: fields } });
  it.each([
    [
      'an unknown transcription field',
      input({ transcription: { engine: 'x' } }),
      { code: 'unknown_parameter', param: 'session.audio.input.transcription.engine' },
    ],
    ['a numeric transcription language', input({ transcription: { language: 1 } }), { code: 'invalid_type' }],
    ['a bad transcription delay', input({ transcription: { delay: 'never' } }), { code: 'invalid_value' }],
    [
      'a bad noise reduction',
      input({ noise_reduction: { type: 'underwater' } }),
      { param: 'session.audio.input.noise_reduction.type' },
    ],
    [
      'a string VAD threshold',
      input({ turn_detection: { type: 'server_vad', threshold: 'high' } }),
      { code: 'invalid_type' },
    ],
    [
      'an idle timeout out of range',
      input({ turn_detection: { type: 'server_vad', idle_timeout_ms: 10 } }),
      { code: 'integer_out_of_range' },
    ],
    [
      'a bad eagerness',
      input({ turn_detection: { type: 'semantic_vad', eagerness: 'very' } }),
      { code: 'invalid_value' },
    ],
    ['an unknown output field', update({ audio: { output: { volume: 3 } } }), { code: 'unknown_parameter' }],
    ['an unknown audio field', update({ audio: { middle: {} } }), { code: 'unknown_parameter' }],
    ['a custom voice without id', update({ audio: { output: { voice: {} } } }), { code: 'missing_required_parameter' }],
    [
      'a string tool parameters',
      update({ tools: [{ type: 'function', name: 'f', parameters: 'x' }] }),
      { code: 'invalid_type' },
    ],
    ['an MCP tool without label', update({ tools: [{ type: 'mcp' }] }), { param: 'session.tools[0].server_label' }],
    [
      'a function choice without name',
      update({ tool_choice: { type: 'function' } }),
      { param: 'session.tool_choice.name' },
    ],
    [
      'an MCP choice without label',
      update({ tool_choice: { type: 'mcp' } }),
      { param: 'session.tool_choice.server_label' },
    ],
    [
      'a retention ratio above 1',
      update({ truncation: { type: 'retention_ratio', retention_ratio: 2 } }),
      { code: 'decimal_out_of_range' },
    ],
    [
      'a retention truncation without type',
      update({ truncation: { retention_ratio: 0.5 } }),
      { param: 'session.truncation.type' },
    ],
    ['a numeric tracing group', update({ tracing: { group_id: 1 } }), { code: 'invalid_type' }],
    ['an unknown include', update({ include: ['everything'] }), { code: 'invalid_value' }],
    ['a prompt without id', update({ prompt: { version: '1' } }), { param: 'session.prompt.id' }],
    ['a string reasoning', update({ reasoning: 'deep' }), { param: 'session.reasoning' }],
    [
      'a non-string metadata value',
      { type: 'response.create', response: { metadata: { n: 1 } } },
      { param: 'response.metadata.n' },
    ],
  ])('rejects %s', async (_name, event, expected) => {
    const client = await shared.connect();
    expect(await errorFor(client, event)).toMatchObject({ type: 'invalid_request_error', ...expected });
  });

  it('accepts custom voices, MCP tools and choices, semantic VAD and tracing objects', async () => {
    const client = await shared.connect();
    const updated = await client.request(
      update({
        audio: {
          input: { turn_detection: { type: 'semantic_vad', eagerness: 'low' } },
          output: { voice: { id: 'voice_123' } },
        },
        tools: [{ type: 'mcp', server_label: 'docs', server_url: 'https://example.com/mcp' }],
        tool_choice: { type: 'mcp', server_label: 'docs' },
        tracing: { workflow_name: 'w', group_id: 'g', metadata: {} },
        reasoning: { effort: 'low' },
      }),
      'session.updated',
    );
    expect(updated.session).toMatchObject({
      audio: { input: { turn_detection: { type: 'semantic_vad' } }, output: { voice: 'voice_123' } },
      tool_choice: { type: 'mcp', server_label: 'docs' },
      tracing: { workflow_name: 'w' },
    });
  });
});
