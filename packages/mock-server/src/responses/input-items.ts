import { ApiError, invalidRequest, invalidType, invalidValue, missingParameter } from '../http/api-error.js';
import type { JsonBody } from '../http/fields.js';
import { isJsonObject } from '../vocabulary/json.js';
import { unsupportedValueMessage } from '../vocabulary/messages.js';
import { readEncryptedReasoning } from './reasoning.js';

/** What earlier turns leave behind for the next one (stored with a response, found by `previous_response_id`). */
export interface ConversationContext {
  /** Text of every turn so far (prompt-token estimate, answer derivation). */
  promptText: string;
  messageCount: number;
  imageCount: number;
  imageTokens: number;
  /** `call_id`s of function calls made so far (a `function_call_output` must answer one of them). */
  callIds: ReadonlySet<string>;
  /** Ids of output items the server keeps (stored responses), which a later input may reference by id alone. */
  itemIds: ReadonlySet<string>;
  /** Input plus output tokens of the whole chain so far (the cacheable prefix of the next turn). */
  chainTokens: number;
}

/** The input of one request, read into what the answer needs. */
export interface ParsedInput extends ConversationContext {
  /** The last user message's text: what the answer is derived from. */
  lastUserText: string;
  /** True when the last item is a tool result (so the model answers instead of calling again). */
  afterToolResult: boolean;
  /** The input items as the server keeps them (for `previous_response_id` and retrieval). */
  items: unknown[];
}

const ROLES = ['user', 'assistant', 'system', 'developer'] as const;
const ITEM_TYPES = ['message', 'function_call', 'function_call_output', 'reasoning', 'item_reference'] as const;

/** An empty conversation (no previous response). */
export const EMPTY_CONTEXT: ConversationContext = {
  promptText: '',
  messageCount: 0,
  imageCount: 0,
  imageTokens: 0,
  callIds: new Set(),
  itemIds: new Set(),
  chainTokens: 0,
};

/**
 * Reads `input` (a string, or a list of items: messages with input_text / input_image / input_file parts,
 * function calls and their outputs, reasoning items) on top of what earlier turns left, with the real API's errors:
 * a tool output for a call nobody made, a reasoning item that is neither stored nor carries valid encrypted content.
 */
export function parseInput(input: string | unknown[], previous: ConversationContext): ParsedInput {
  const callIds = new Set(previous.callIds);
  const itemIds = new Set(previous.itemIds);
  let promptText = previous.promptText;
  let messageCount = previous.messageCount;
  let imageCount = previous.imageCount;
  let imageTokens = previous.imageTokens;
  let lastUserText = '';
  let afterToolResult = false;
  if (typeof input === 'string') {
    return {
      ...previous,
      promptText: `${promptText}user: ${input}\n`,
      messageCount: messageCount + 1,
      lastUserText: input,
      afterToolResult: false,
      items: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }],
    };
  }
  const items: unknown[] = [];
  input.forEach((raw, index) => {
    const param = `input[${index}]`;
    if (!isJsonObject(raw)) throw invalidType(param, 'an object', raw);
    const item = raw as JsonBody;
    const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
    if (type === undefined) throw missingParameter(`${param}.type`);
    if (typeof type !== 'string' || !(ITEM_TYPES as readonly string[]).includes(type)) {
      throw invalidValue(
        `${param}.type`,
        `Invalid value: '${String(type)}'. Supported values are: ${ITEM_TYPES.map((v) => `'${v}'`).join(', ')}.`,
      );
    }
    items.push(item);
    switch (type) {
      case 'message': {
        const role = item.role;
        if (role === undefined) throw missingParameter(`${param}.role`);
        if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
          throw invalidValue(
            `${param}.role`,
            unsupportedValueMessage(role, ['user', 'assistant', 'system', 'developer'], true),
          );
        }
        const text = contentText(item.content, param, role, (detail) => {
          imageCount++;
          imageTokens += detail === 'low' ? 85 : 765;
        });
        promptText += `${role}: ${text}\n`;
        messageCount++;
        if (role === 'user') lastUserText = text;
        afterToolResult = false;
        break;
      }
      case 'function_call': {
        for (const key of ['call_id', 'name', 'arguments'] as const) {
          if (typeof item[key] !== 'string') throw missingParameter(`${param}.${key}`);
        }
        callIds.add(item.call_id as string);
        promptText += `assistant called ${String(item.name)}(${String(item.arguments)})\n`;
        messageCount++;
        afterToolResult = false;
        break;
      }
      case 'function_call_output': {
        const callId = item.call_id;
        if (typeof callId !== 'string') throw missingParameter(`${param}.call_id`);
        if (item.output === undefined || item.output === null) throw missingParameter(`${param}.output`);
        if (!callIds.has(callId)) {
          throw invalidRequest(`No tool call found for function call output with call_id ${callId}.`, 'input');
        }
        const output = typeof item.output === 'string' ? item.output : JSON.stringify(item.output);
        promptText += `tool ${callId}: ${output}\n`;
        messageCount++;
        afterToolResult = true;
        break;
      }
      case 'reasoning': {
        const id = item.id;
        if (typeof id !== 'string') throw missingParameter(`${param}.id`);
        if (!Array.isArray(item.summary)) throw missingParameter(`${param}.summary`);
        const encrypted = item.encrypted_content;
        if (typeof encrypted === 'string') {
          if (readEncryptedReasoning(encrypted) !== id) {
            throw invalidRequest(
              `The encrypted content for item ${id} could not be verified.`,
              `${param}.encrypted_content`,
              'invalid_encrypted_content',
            );
          }
        } else if (!itemIds.has(id)) throw itemNotFound(id);
        itemIds.add(id);
        break;
      }
      default: {
        const id = item.id;
        if (typeof id !== 'string') throw missingParameter(`${param}.id`);
        if (!itemIds.has(id)) throw itemNotFound(id);
      }
    }
  });
  return {
    promptText,
    messageCount,
    imageCount,
    imageTokens,
    callIds,
    itemIds,
    chainTokens: previous.chainTokens,
    lastUserText: lastUserText || lastUserTextOf(previous.promptText),
    afterToolResult,
    items,
  };
}

/** The real 404 for an item id the server does not keep (never stored, or sent with `store: false`). */
function itemNotFound(id: string): ApiError {
  return new ApiError(404, {
    message: `Item with id '${id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`,
    type: 'invalid_request_error',
    param: 'input',
    code: null,
  });
}

function lastUserTextOf(promptText: string): string {
  const at = promptText.lastIndexOf('\nuser: ');
  const start = at === -1 ? (promptText.startsWith('user: ') ? 0 : -1) : at + 1;
  if (start === -1) return '';
  const end = promptText.indexOf('\n', start);
  return promptText.slice(start + 6, end === -1 ? undefined : end);
}

function contentText(content: unknown, param: string, role: string, onImage: (detail: string) => void): string {
  if (content === undefined || content === null) throw missingParameter(`${param}.content`);
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalidType(`${param}.content`, 'a string or an array', content);
  const texts: string[] = [];
  content.forEach((part, index) => {
    const partParam = `${param}.content[${index}]`;
    if (part === null || typeof part !== 'object') throw invalidType(partParam, 'an object', part);
    const { type, text } = part as JsonBody;
    switch (type) {
      case 'input_text':
      case 'output_text':
        if (typeof text !== 'string') throw missingParameter(`${partParam}.text`);
        if (type === 'output_text' && role !== 'assistant') throw wrongPartType(partParam, type, role);
        texts.push(text);
        break;
      case 'refusal': {
        const refusal = (part as JsonBody).refusal;
        if (typeof refusal !== 'string') throw missingParameter(`${partParam}.refusal`);
        texts.push(refusal);
        break;
      }
      case 'input_image': {
        const { image_url: url, file_id: fileId, detail } = part as JsonBody;
        if (typeof url !== 'string' && typeof fileId !== 'string') throw missingParameter(`${partParam}.image_url`);
        if (typeof url === 'string' && !/^(https?:|data:image\/)/.test(url)) {
          throw invalidRequest(
            `Invalid 'input[].content[].image_url'. Expected a valid URL, but got a value with an invalid format.`,
            `${partParam}.image_url`,
            'invalid_value',
          );
        }
        onImage(typeof detail === 'string' ? detail : 'auto');
        break;
      }
      case 'input_file':
      case 'input_audio':
        texts.push(`[${type}]`);
        break;
      default:
        throw invalidValue(
          `${partParam}.type`,
          unsupportedValueMessage(type, ['input_text', 'input_image', 'input_file', 'output_text', 'refusal'], true),
        );
    }
  });
  return texts.join('\n');
}

function wrongPartType(param: string, type: string, role: string): ApiError {
  return invalidValue(
    `${param}.type`,
    `Invalid value: '${type}'. Supported values are: 'input_text', 'input_image', and 'input_file' for role '${role}'.`,
  );
}
