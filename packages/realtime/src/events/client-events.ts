import type { RealtimeAudioFormat, RealtimeFunctionToolDefinition, RealtimeSessionConfig } from './session-config.js';

/** A content part of a message item sent by the client. */
export type RealtimeInputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_audio'; audio?: string; transcript?: string }
  | { type: 'input_image'; image_url: string; detail?: 'auto' | 'low' | 'high' }
  | { type: 'output_text'; text: string }
  | { type: 'output_audio'; audio?: string; transcript?: string };

/** An item for `conversation.item.create` or a response's `input`. */
export type RealtimeInputItem =
  | {
      /** Message item. */
      type: 'message';
      /** Client-chosen id (optional). */
      id?: string;
      /** Who said it. */
      role: 'user' | 'system' | 'assistant';
      /** The parts. */
      content: RealtimeInputContent[];
    }
  | { type: 'function_call'; id?: string; call_id?: string; name: string; arguments?: string }
  | { type: 'function_call_output'; id?: string; call_id: string; output: string };

/** The optional `response` of `response.create`: overrides of the session settings for one response. */
export interface RealtimeResponseParams {
  /** `['text']` or `['audio']`. */
  output_modalities?: ('text' | 'audio')[];
  /** Instructions for this response. */
  instructions?: string;
  /** Output audio settings for this response. */
  audio?: { output?: { format?: RealtimeAudioFormat; voice?: string } };
  /** Tools for this response. */
  tools?: RealtimeFunctionToolDefinition[];
  /** Tool choice for this response. */
  tool_choice?: RealtimeSessionConfig['tool_choice'];
  /** Output token limit. */
  max_output_tokens?: number | 'inf';
  /** `auto` adds the response to the conversation; `none` makes an out-of-band response. */
  conversation?: 'auto' | 'none';
  /** Up to 16 string pairs, echoed in `response.created` / `response.done`. */
  metadata?: Record<string, string>;
  /** Items to answer instead of the conversation. */
  input?: RealtimeInputItem[];
  /** A stored prompt reference. */
  prompt?: Record<string, unknown>;
}

interface ClientEventBase {
  /** A client-chosen id, echoed in `error` events about this event; the session fills one in when it is missing. */
  event_id?: string;
}

/** `session.update`. */
export interface SessionUpdateEvent extends ClientEventBase {
  type: 'session.update';
  /** The settings to change. */
  session: RealtimeSessionConfig;
}
/** `input_audio_buffer.append`: base64 audio in the session's input format. */
export interface InputAudioBufferAppendEvent extends ClientEventBase {
  type: 'input_audio_buffer.append';
  /** Base64-encoded audio. */
  audio: string;
}
/** `input_audio_buffer.commit`: the buffered audio becomes a user message. */
export interface InputAudioBufferCommitEvent extends ClientEventBase {
  type: 'input_audio_buffer.commit';
}
/** `input_audio_buffer.clear`. */
export interface InputAudioBufferClearEvent extends ClientEventBase {
  type: 'input_audio_buffer.clear';
}
/** `conversation.item.create`. */
export interface ConversationItemCreateEvent extends ClientEventBase {
  type: 'conversation.item.create';
  /** Insert after this item (default: at the end). */
  previous_item_id?: string;
  /** The item. */
  item: RealtimeInputItem;
}
/** `conversation.item.retrieve`. */
export interface ConversationItemRetrieveEvent extends ClientEventBase {
  type: 'conversation.item.retrieve';
  /** The item to fetch. */
  item_id: string;
}
/** `conversation.item.truncate`: cut an assistant audio item at the point playback stopped. */
export interface ConversationItemTruncateEvent extends ClientEventBase {
  type: 'conversation.item.truncate';
  /** The assistant item. */
  item_id: string;
  /** The content part (0 for audio). */
  content_index: number;
  /** Milliseconds of audio that were played. */
  audio_end_ms: number;
}
/** `conversation.item.delete`. */
export interface ConversationItemDeleteEvent extends ClientEventBase {
  type: 'conversation.item.delete';
  /** The item to remove. */
  item_id: string;
}
/** `response.create`. */
export interface ResponseCreateEvent extends ClientEventBase {
  type: 'response.create';
  /** Overrides for this response. */
  response?: RealtimeResponseParams;
}
/** `response.cancel`. */
export interface ResponseCancelEvent extends ClientEventBase {
  type: 'response.cancel';
  /** The response to cancel (default: the one in progress). */
  response_id?: string;
}
/** `output_audio_buffer.clear` (WebRTC / SIP only). */
export interface OutputAudioBufferClearEvent extends ClientEventBase {
  type: 'output_audio_buffer.clear';
}

/** Every client event of the GA Realtime API. */
export type RealtimeClientEvent =
  | SessionUpdateEvent
  | InputAudioBufferAppendEvent
  | InputAudioBufferCommitEvent
  | InputAudioBufferClearEvent
  | ConversationItemCreateEvent
  | ConversationItemRetrieveEvent
  | ConversationItemTruncateEvent
  | ConversationItemDeleteEvent
  | ResponseCreateEvent
  | ResponseCancelEvent
  | OutputAudioBufferClearEvent;

/** The `type` of every client event. */
export type RealtimeClientEventType = RealtimeClientEvent['type'];
