/** An audio format of the GA Realtime API. */
export type RealtimeAudioFormat = { type: 'audio/pcm'; rate?: 24000 } | { type: 'audio/pcmu' } | { type: 'audio/pcma' };

/** A function the model may call (the wire shape inside `session.tools`). */
export interface RealtimeFunctionToolDefinition {
  /** Always `function`. */
  type: 'function';
  /** The function name the model uses. */
  name: string;
  /** What the function does, for the model. */
  description?: string;
  /** A JSON schema of the arguments. */
  parameters?: Record<string, unknown>;
}

/** Voice activity detection settings. */
export interface RealtimeTurnDetection {
  /** `server_vad` or `semantic_vad`. */
  type: 'server_vad' | 'semantic_vad';
  /** Whether the server creates a response when a turn ends. */
  create_response?: boolean;
  /** Whether a new turn interrupts the response in progress. */
  interrupt_response?: boolean;
  /** Other detector settings (threshold, silence duration, eagerness, ...). */
  [setting: string]: unknown;
}

/**
 * The `session` of a `session.update` (GA shape). Partial: the server keeps what is not mentioned. The session
 * merges every update it sends, so after a reconnect the whole configuration is applied again in one event.
 */
export interface RealtimeSessionConfig {
  /** `realtime` (added when missing). */
  type?: 'realtime';
  /** The model; usually fixed by the connection URL. */
  model?: string;
  /** System instructions. */
  instructions?: string;
  /** `['text']` or `['audio']` (audio responses carry a transcript). */
  output_modalities?: ('text' | 'audio')[];
  /** Input and output audio settings. */
  audio?: {
    /** Input audio. */
    input?: {
      /** Format of `input_audio_buffer.append` audio. */
      format?: RealtimeAudioFormat;
      /** Input transcription settings, or null to turn it off. */
      transcription?: { model?: string; language?: string; prompt?: string } | null;
      /** Noise reduction, or null to turn it off. */
      noise_reduction?: { type: 'near_field' | 'far_field' } | null;
      /** Voice activity detection, or null to commit audio by hand. */
      turn_detection?: RealtimeTurnDetection | null;
    };
    /** Output audio. */
    output?: {
      /** Format of `response.output_audio.delta` audio. */
      format?: RealtimeAudioFormat;
      /** The voice. */
      voice?: string;
      /** Speaking speed, 0.25 to 1.5. */
      speed?: number;
    };
  };
  /** Tools the model may call. */
  tools?: (RealtimeFunctionToolDefinition | { type: 'mcp'; [field: string]: unknown })[];
  /** How the model chooses tools. */
  tool_choice?: 'auto' | 'none' | 'required' | { type: 'function'; name: string };
  /** Output token limit per response, 1 to 4096 or `inf`. */
  max_output_tokens?: number | 'inf';
  /** Tracing settings. */
  tracing?: 'auto' | Record<string, unknown> | null;
  /** How the conversation is truncated when it outgrows the context. */
  truncation?: 'auto' | 'disabled' | Record<string, unknown>;
  /** Extra fields to include in server events. */
  include?: string[] | null;
  /** A stored prompt reference. */
  prompt?: Record<string, unknown> | null;
}
