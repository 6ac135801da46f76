import type { z } from 'zod';
import * as audioBuffer from './server/audio-buffer-events.js';
import * as conversation from './server/conversation-events.js';
import * as mcp from './server/mcp-events.js';
import * as response from './server/response-events.js';
import * as session from './server/session-events.js';

/** Every server event schema of the GA Realtime API, one per `type`. */
export const SERVER_EVENT_SCHEMAS = [
  session.sessionCreatedSchema,
  session.sessionUpdatedSchema,
  session.errorEventSchema,
  session.rateLimitsUpdatedSchema,
  conversation.conversationCreatedSchema,
  conversation.conversationItemCreatedSchema,
  conversation.conversationItemAddedSchema,
  conversation.conversationItemDoneSchema,
  conversation.conversationItemRetrievedSchema,
  conversation.conversationItemDeletedSchema,
  conversation.conversationItemTruncatedSchema,
  conversation.inputTranscriptionDeltaSchema,
  conversation.inputTranscriptionCompletedSchema,
  conversation.inputTranscriptionSegmentSchema,
  conversation.inputTranscriptionFailedSchema,
  audioBuffer.inputAudioCommittedSchema,
  audioBuffer.inputAudioClearedSchema,
  audioBuffer.speechStartedSchema,
  audioBuffer.speechStoppedSchema,
  audioBuffer.audioTimeoutTriggeredSchema,
  audioBuffer.dtmfReceivedSchema,
  audioBuffer.outputAudioStartedSchema,
  audioBuffer.outputAudioStoppedSchema,
  audioBuffer.outputAudioClearedSchema,
  response.responseCreatedSchema,
  response.responseDoneSchema,
  response.outputItemAddedSchema,
  response.outputItemDoneSchema,
  response.contentPartAddedSchema,
  response.contentPartDoneSchema,
  response.outputTextDeltaSchema,
  response.outputTextDoneSchema,
  response.outputAudioDeltaSchema,
  response.outputAudioDoneSchema,
  response.outputTranscriptDeltaSchema,
  response.outputTranscriptDoneSchema,
  response.functionCallArgumentsDeltaSchema,
  response.functionCallArgumentsDoneSchema,
  mcp.mcpListToolsInProgressSchema,
  mcp.mcpListToolsCompletedSchema,
  mcp.mcpListToolsFailedSchema,
  mcp.mcpCallArgumentsDeltaSchema,
  mcp.mcpCallArgumentsDoneSchema,
  mcp.mcpCallInProgressSchema,
  mcp.mcpCallCompletedSchema,
  mcp.mcpCallFailedSchema,
] as const;

/** A server event of the GA Realtime API that matched its (lenient) schema. */
export type RealtimeServerEvent = z.infer<(typeof SERVER_EVENT_SCHEMAS)[number]>;

/** The `type` of every known server event. */
export type RealtimeServerEventType = RealtimeServerEvent['type'];

let schemaByType: ReadonlyMap<string, z.ZodType<RealtimeServerEvent>> | undefined;

/** Looks a schema up by event type (the map, and so every schema, is built on the first call). */
export function schemasByType(): ReadonlyMap<string, z.ZodType<RealtimeServerEvent>> {
  schemaByType ??= new Map(
    SERVER_EVENT_SCHEMAS.map((schema) => [schema.shape.type.value, schema as z.ZodType<RealtimeServerEvent>]),
  );
  return schemaByType;
}
