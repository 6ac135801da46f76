import type { ToolDefinition } from '@switchboard/core';
import type { TokenPart } from './chat-token-count.js';
import type { CountContext } from './count-context.js';

/** The cookbook's constants ("How to count tokens with tiktoken", section 7), per encoding family. */
interface ToolConstants {
  functionStart: number;
  propertiesStart: number;
  propertyKey: number;
  enumStart: number;
  enumItem: number;
  functionsEnd: number;
}

const O200K: ToolConstants = {
  functionStart: 7,
  propertiesStart: 3,
  propertyKey: 3,
  enumStart: -3,
  enumItem: 3,
  functionsEnd: 12,
};
const CL100K: ToolConstants = { ...O200K, functionStart: 10 };

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `properties` of an object schema as entries (empty for anything else). */
function propertiesOf(schema: unknown): [string, Schema][] {
  if (!isSchema(schema) || !isSchema(schema.properties)) return [];
  return Object.entries(schema.properties).map(([name, value]) => [name, isSchema(value) ? value : {}]);
}

function withoutPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** The type as the formula's `name:type:description` line shows it. */
function typeLabel(schema: Schema): string {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.map(String).join(' | ');
  return 'any';
}

/**
 * Tokens of tool definitions: the cookbook's formula (reproduces the API's usage for its weather example: 101 on
 * gpt-4o, 105 on gpt-4). Each function costs a start constant plus `name:description` (a final period dropped);
 * its properties a start constant, then per property a key constant, `name:type:description`, and per enum value
 * a constant plus the value. Nested object properties (directly or as array items) are counted the same way one
 * level down; the cookbook does not cover them, so such tools, and properties without a description, make the
 * figure an estimate.
 */
export function countTools(tools: readonly ToolDefinition[] | undefined, context: CountContext): TokenPart {
  if (!tools || tools.length === 0) return { tokens: 0, exact: true };
  const constants = context.encoding === 'o200k_base' ? O200K : CL100K;
  let tokens = constants.functionsEnd;
  let covered = true;
  for (const tool of tools) {
    tokens += constants.functionStart + context.countText(`${tool.name}:${withoutPeriod(tool.description ?? '')}`);
    const properties = propertiesOf(tool.parameters);
    if (properties.length > 0) {
      const counted = countProperties(properties, constants, context);
      tokens += constants.propertiesStart + counted.tokens;
      covered &&= counted.exact;
    }
  }
  return { tokens, exact: covered && context.verified };
}

function countProperties(properties: [string, Schema][], constants: ToolConstants, context: CountContext): TokenPart {
  let tokens = 0;
  let covered = true;
  for (const [name, schema] of properties) {
    tokens += constants.propertyKey;
    if (Array.isArray(schema.enum)) {
      tokens += constants.enumStart;
      for (const value of schema.enum) {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        tokens += constants.enumItem + context.countText(text);
      }
    }
    const description = typeof schema.description === 'string' ? schema.description : '';
    covered &&= typeof schema.description === 'string' && typeof schema.type === 'string';
    tokens += context.countText(`${name}:${typeLabel(schema)}:${withoutPeriod(description)}`);
    const nested = propertiesOf(schema).length > 0 ? propertiesOf(schema) : propertiesOf(schema.items);
    if (nested.length > 0) {
      covered = false;
      tokens += constants.propertiesStart + countProperties(nested, constants, context).tokens;
    }
  }
  return { tokens, exact: covered };
}
