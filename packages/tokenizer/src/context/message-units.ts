import type { ChatMessage } from '@switchboard/core';

/** Messages that must stay or go together, by index into the request's messages. */
export interface MessageUnit {
  /** Indexes of the messages, ascending. */
  indexes: number[];
  /** True for a system message (never removed). */
  system: boolean;
}

/**
 * Groups a conversation into units that can be removed on their own: each system message alone (and marked so),
 * an assistant message that calls tools together with the tool results that answer those calls, and every other
 * message alone. A tool result whose call is not in the request is its own unit.
 */
export function messageUnits(messages: readonly ChatMessage[]): MessageUnit[] {
  const units: MessageUnit[] = [];
  const unitOfCall = new Map<string, MessageUnit>();
  messages.forEach((message, index) => {
    if (message.role === 'tool') {
      const owner = unitOfCall.get(message.toolCallId);
      if (owner) {
        owner.indexes.push(index);
        return;
      }
    }
    const unit: MessageUnit = { indexes: [index], system: message.role === 'system' };
    if (message.role === 'assistant') for (const call of message.toolCalls ?? []) unitOfCall.set(call.id, unit);
    units.push(unit);
  });
  return units;
}
