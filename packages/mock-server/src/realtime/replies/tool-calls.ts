import { isJsonObject, type JsonObject } from '../../vocabulary/json.js';

/** A function call the mock model decided to make. */
export interface PlannedToolCall {
  name: string;
  arguments: string;
}

/**
 * The mock model's deterministic tool rule. With `tool_choice` `required` it calls the first function tool, with a
 * named choice it calls that tool, with `none` nothing; with `auto` it calls the first function tool whose name,
 * or one of the words of four letters or more in its name (`get_weather` → `weather`), appears in the user text.
 */
export function planToolCall(
  tools: readonly JsonObject[],
  toolChoice: string | JsonObject,
  userText: string,
): PlannedToolCall | undefined {
  const functions = tools.filter((tool) => tool.type === 'function' && typeof tool.name === 'string');
  if (functions.length === 0 || toolChoice === 'none') return undefined;
  let chosen: JsonObject | undefined;
  if (isJsonObject(toolChoice)) chosen = functions.find((tool) => tool.name === toolChoice.name);
  else if (toolChoice === 'required') chosen = functions[0];
  else chosen = functions.find((tool) => mentions(userText, tool.name as string));
  if (!chosen) return undefined;
  return { name: chosen.name as string, arguments: JSON.stringify(synthesizeArguments(chosen.parameters, userText)) };
}

function mentions(text: string, toolName: string): boolean {
  const haystack = text.toLowerCase();
  if (haystack.includes(toolName.toLowerCase())) return true;
  const words = toolName
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((word) => word.length >= 4 && haystack.includes(word));
}

/**
 * Arguments that satisfy a simple JSON schema: strings take the place named after "in"/"for" in the user text
 * ("weather in Paris" → "Paris") or the whole text, enums their first value, numbers their minimum or 1.
 */
export function synthesizeArguments(schema: unknown, userText: string): JsonObject {
  if (!isJsonObject(schema) || !isJsonObject(schema.properties)) return {};
  const names = Array.isArray(schema.required) ? schema.required.map(String) : Object.keys(schema.properties);
  const result: JsonObject = {};
  for (const name of names) {
    result[name] = exampleValue(schema.properties[name], userText);
  }
  return result;
}

function exampleValue(schema: unknown, userText: string): unknown {
  const property = isJsonObject(schema) ? schema : {};
  if (Array.isArray(property.enum) && property.enum.length > 0) return property.enum[0];
  switch (property.type) {
    case 'number':
    case 'integer':
      return typeof property.minimum === 'number' ? property.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return synthesizeArguments(property, userText);
    default:
      return placeIn(userText);
  }
}

function placeIn(text: string): string {
  const match = /\b(?:in|for|at)\s+([^?.!,]+)/i.exec(text);
  return (match?.[1] ?? text).trim();
}
