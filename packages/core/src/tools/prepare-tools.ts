import { ConfigError, type ConfigIssue } from '../errors/error-classes.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { loadZod } from '../lazy/load-zod.js';
import { toStrictJsonSchema } from '../structured/to-strict-json-schema.js';
import type { ToolDefinition } from '../types/chat-request.js';
import type { Tool, ToolSet } from './tool.js';

/** A tool ready for the loop: its definition for the request, and how to undo strict mode's nulls. */
export interface PreparedTool {
  tool: Tool;
  revive: (value: unknown) => unknown;
}

/** The request's tool definitions and the tools by name. */
export interface PreparedTools {
  definitions: ToolDefinition[];
  byName: Map<string, PreparedTool>;
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Converts every tool's schema (strict by default); every problem of every tool is named in one `ConfigError`. */
export function prepareTools(tools: ToolSet): PreparedTools {
  const issues: ConfigIssue[] = [];
  const definitions: ToolDefinition[] = [];
  const byName = new Map<string, PreparedTool>();
  for (const [name, tool] of Object.entries(tools)) {
    if (!TOOL_NAME.test(name)) {
      issues.push({ path: `tools.${name}`, message: 'a tool name is 1 to 64 letters, digits, "_" or "-"' });
    }
    if (typeof tool.execute !== 'function')
      issues.push({ path: `tools.${name}.execute`, message: 'must be a function' });
    try {
      const strict = tool.strict ?? true;
      const converted = strict ? toStrictJsonSchema(tool.parameters) : looseSchema(tool);
      const definition: ToolDefinition = { name, parameters: converted.schema, strict };
      if (tool.description) definition.description = tool.description;
      definitions.push(definition);
      byName.set(name, { tool, revive: converted.revive });
    } catch (error) {
      if (!(isSwitchboardError(error) && error instanceof ConfigError)) throw error;
      for (const issue of error.issues) {
        issues.push({ ...issue, path: issue.path.replace(/^schema/, `tools.${name}.parameters`) });
      }
    }
  }
  if (issues.length > 0) throw new ConfigError({ issues });
  return { definitions, byName };
}

function looseSchema(tool: Tool): { schema: Record<string, unknown>; revive: (value: unknown) => unknown } {
  try {
    const { $schema: _ignored, ...schema } = loadZod().toJSONSchema(tool.parameters, { io: 'input' }) as Record<
      string,
      unknown
    >;
    return { schema, revive: (value) => value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError({ issues: [{ path: 'schema', message: `zod cannot convert it: ${message}` }] });
  }
}
