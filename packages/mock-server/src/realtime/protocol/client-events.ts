import { realtimeId } from '../../vocabulary/ids.js';
import type { JsonObject } from '../../vocabulary/json.js';
import { syntheticTranscript } from '../replies/reply-text.js';
import { parseResponseParams } from '../replies/response-plan.js';
import { RESPONSE_CANCELLED, type ResponseHost, streamResponse } from '../replies/responses.js';
import { audioDurationMs } from './audio.js';
import { Conversation } from './conversation.js';
import { invalidValue, RealtimeClientEventError } from './errors.js';
import { decodeBase64Audio, parseClientItem } from './items.js';
import { applySessionUpdate, type RealtimeSessionState, sessionToWire } from './session.js';
import { expectInteger, expectString, required } from './validate.js';

/** The client event types of the GA Realtime API, in the order its error messages list them. */
export const CLIENT_EVENT_TYPES = [
  'session.update',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'conversation.item.create',
  'conversation.item.retrieve',
  'conversation.item.truncate',
  'conversation.item.delete',
  'response.create',
  'response.cancel',
  'output_audio_buffer.clear',
] as const;

/** Less than this much committed audio is an error on the real service. */
const MIN_COMMIT_MS = 100;

/**
 * The state of one Realtime session (settings, conversation, input audio buffer, the response in flight) and the
 * answer to each client event. Invalid events throw RealtimeClientEventError, which the connection reports as an
 * `error` event.
 */
export class RealtimeSessionHandler {
  session: RealtimeSessionState;
  readonly conversation = new Conversation();
  readonly #host: ResponseHost;
  #bufferedBytes = 0;
  #active: { id: string; controller: AbortController } | undefined;

  constructor(session: RealtimeSessionState, host: ResponseHost) {
    this.session = session;
    this.#host = host;
  }

  /** The `session.created` event that opens every connection. */
  sessionCreated(): JsonObject {
    return { type: 'session.created', session: sessionToWire(this.session) };
  }

  /** Answers one client event (already known to be an object with a string `type`). */
  handle(event: JsonObject): void {
    const type = event.type as string;
    switch (type) {
      case 'session.update':
        this.session = applySessionUpdate(this.session, required(event, 'session', ''));
        this.#host.send({ type: 'session.updated', session: sessionToWire(this.session) });
        return;
      case 'input_audio_buffer.append':
        this.#bufferedBytes += decodeBase64Audio(required(event, 'audio', ''), 'audio').length;
        return;
      case 'input_audio_buffer.commit':
        this.#commitAudio();
        return;
      case 'input_audio_buffer.clear':
        this.#bufferedBytes = 0;
        this.#host.send({ type: 'input_audio_buffer.cleared' });
        return;
      case 'conversation.item.create':
        this.#createItem(event);
        return;
      case 'conversation.item.retrieve':
        this.#host.send({ type: 'conversation.item.retrieved', item: this.#findItem(event, 'retrieve') });
        return;
      case 'conversation.item.truncate':
        this.#truncateItem(event);
        return;
      case 'conversation.item.delete': {
        const item = this.#findItem(event, 'delete');
        this.conversation.delete(item.id as string);
        this.#host.send({ type: 'conversation.item.deleted', item_id: item.id });
        return;
      }
      case 'response.create':
        this.#createResponse(event);
        return;
      case 'response.cancel':
        this.#cancelResponse(event);
        return;
      case 'output_audio_buffer.clear':
        throw new RealtimeClientEventError(
          'output_audio_buffer.clear is only supported for WebRTC and SIP connections.',
          'unsupported_event',
          'type',
        );
      default:
        throw invalidValue('type', type, CLIENT_EVENT_TYPES);
    }
  }

  /** Ends the response in flight without a `response.done` (the socket is gone or the server went silent). */
  abortResponse(): void {
    this.#active?.controller.abort(new Error('connection closed'));
  }

  #commitAudio(): void {
    const format = this.session.inputFormat;
    const ms = audioDurationMs(this.#bufferedBytes, format);
    if (ms < MIN_COMMIT_MS) {
      throw new RealtimeClientEventError(
        `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${ms.toFixed(2)}ms of audio.`,
        'input_audio_buffer_commit_empty',
      );
    }
    const transcript = syntheticTranscript(this.#bufferedBytes, format);
    const item = {
      id: realtimeId('item'),
      object: 'realtime.item',
      type: 'message',
      status: 'completed',
      role: 'user',
    };
    const entry = { item: { ...item, content: [{ type: 'input_audio' }] }, text: transcript, audioMs: ms };
    const previous = this.conversation.insert(entry);
    this.#bufferedBytes = 0;
    this.#host.send({ type: 'input_audio_buffer.committed', previous_item_id: previous, item_id: item.id });
    this.#host.send({ type: 'conversation.item.added', previous_item_id: previous, item: entry.item });
    this.#host.send({ type: 'conversation.item.done', previous_item_id: previous, item: entry.item });
    if (!this.session.transcription) return;
    const audioTokens = Math.ceil(ms / 100);
    const outputTokens = Math.ceil(transcript.length / 4);
    this.#host.send({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: item.id,
      content_index: 0,
      transcript,
      usage: {
        type: 'tokens',
        input_tokens: audioTokens,
        input_token_details: { text_tokens: 0, audio_tokens: audioTokens },
        output_tokens: outputTokens,
        total_tokens: audioTokens + outputTokens,
      },
    });
  }

  #createItem(event: JsonObject): void {
    const entry = parseClientItem(required(event, 'item', ''), 'item', this.session.inputFormat);
    const after =
      event.previous_item_id === undefined ? undefined : expectString(event.previous_item_id, 'previous_item_id');
    const previous = this.conversation.insert(entry, after);
    this.#host.send({ type: 'conversation.item.added', previous_item_id: previous, item: entry.item });
    this.#host.send({ type: 'conversation.item.done', previous_item_id: previous, item: entry.item });
  }

  #findItem(event: JsonObject, action: 'retrieve' | 'delete' | 'truncate'): JsonObject {
    const id = expectString(required(event, 'item_id', ''), 'item_id');
    const entry = this.conversation.find(id);
    if (!entry) {
      const verb = { retrieve: 'retrieving', delete: 'deleting', truncate: 'truncating' }[action];
      throw new RealtimeClientEventError(
        `Error ${verb} item: the item with id '${id}' does not exist.`,
        `item_${action}_invalid_item_id`,
        'item_id',
      );
    }
    return entry.item;
  }

  #truncateItem(event: JsonObject): void {
    const item = this.#findItem(event, 'truncate');
    const contentIndex = expectInteger(required(event, 'content_index', ''), 'content_index');
    const audioEndMs = expectInteger(required(event, 'audio_end_ms', ''), 'audio_end_ms');
    const content = Array.isArray(item.content) ? item.content : [];
    if (item.role !== 'assistant' || contentIndex < 0 || contentIndex >= content.length || audioEndMs < 0) {
      throw new RealtimeClientEventError(
        'Invalid truncation: only audio content of an assistant message can be truncated.',
        'invalid_value',
        'content_index',
      );
    }
    this.#host.send({
      type: 'conversation.item.truncated',
      item_id: item.id,
      content_index: contentIndex,
      audio_end_ms: audioEndMs,
    });
  }

  #createResponse(event: JsonObject): void {
    if (this.#active) {
      throw new RealtimeClientEventError(
        `Conversation already has an active response in progress: ${this.#active.id}. Wait until the response is finished before creating a new one.`,
        'conversation_already_has_active_response',
      );
    }
    const params = parseResponseParams(event.response, this.session);
    const active = { id: realtimeId('resp'), controller: new AbortController() };
    this.#active = active;
    // The connection aborts this controller when it closes, drops or goes silent (see abortResponse).
    streamResponse(this.#host, this.conversation, params, active.controller.signal, active.id)
      .catch(() => {
        this.#host.send({
          type: 'error',
          error: {
            type: 'server_error',
            code: null,
            message: 'The server had an error while processing your request.',
            param: null,
            event_id: null,
          },
        });
      })
      .finally(() => {
        if (this.#active === active) this.#active = undefined;
      });
  }

  #cancelResponse(event: JsonObject): void {
    const wanted = event.response_id === undefined ? undefined : expectString(event.response_id, 'response_id');
    if (!this.#active || (wanted !== undefined && wanted !== this.#active.id)) {
      throw new RealtimeClientEventError('Cancellation failed: no active response found', 'response_cancel_not_active');
    }
    this.#active.controller.abort(RESPONSE_CANCELLED);
  }
}
