import type { z } from 'zod';
import { SwitchboardError, type SwitchboardErrorCode } from '../errors/switchboard-error.js';
import type { ChatMessage } from '../types/chat-request.js';

/** A message whose text may contain `{{variable}}` placeholders. */
export interface TemplateMessage {
  /** The role of the rendered message. */
  role: 'system' | 'user' | 'assistant';
  /** The text with placeholders. */
  content: string;
}

/** A template's variables are missing, extra or of the wrong type. */
export class TemplateError extends SwitchboardError {
  /** The code every instance carries; `TemplateError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'template';

  /** Variables the template uses that were not given. */
  readonly missing: string[];
  /** Variables given that the template does not use. */
  readonly extra: string[];
  /** Variables that failed the schema, with why. */
  readonly invalid: { variable: string; message: string }[];

  constructor(missing: string[], extra: string[], invalid: { variable: string; message: string }[]) {
    const parts: string[] = [];
    if (missing.length) parts.push(`missing: ${missing.join(', ')}`);
    if (extra.length) parts.push(`not used by the template: ${extra.join(', ')}`);
    if (invalid.length) parts.push(`invalid: ${invalid.map((i) => `${i.variable} (${i.message})`).join(', ')}`);
    super('template', { message: `Template variables do not match (${parts.join('; ')}).`, source: 'client' });
    this.missing = missing;
    this.extra = extra;
    this.invalid = invalid;
  }

  protected override details(): Record<string, unknown> {
    return { missing: this.missing, extra: this.extra, invalid: this.invalid };
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** A prompt template: messages with `{{variable}}` placeholders and, optionally, a zod schema for the variables. */
export interface PromptTemplate<V extends Record<string, unknown>> {
  /** The variable names the messages use, in order of first use. */
  readonly variables: readonly string[];
  /** Renders the messages; throws a `TemplateError` naming every missing, extra or invalid variable. */
  render(values: V): ChatMessage[];
}

/**
 * Creates a prompt template. Substitution is one pass over the template text, so a value that itself contains
 * `{{name}}` is inserted literally and never substituted again.
 */
export function createPromptTemplate<S extends z.ZodType<Record<string, unknown>>>(
  messages: TemplateMessage[],
  schema: S,
): PromptTemplate<z.input<S> & Record<string, unknown>>;
export function createPromptTemplate(messages: TemplateMessage[]): PromptTemplate<Record<string, string | number>>;
export function createPromptTemplate(
  messages: TemplateMessage[],
  schema?: z.ZodType<Record<string, unknown>>,
): PromptTemplate<Record<string, unknown>> {
  const variables = [
    ...new Set(messages.flatMap((m) => [...m.content.matchAll(PLACEHOLDER)].map((match) => match[1] as string))),
  ];
  return {
    variables,
    render(values) {
      const invalid: { variable: string; message: string }[] = [];
      let parsed: Record<string, unknown> = values;
      if (schema) {
        const result = schema.safeParse(values);
        if (result.success) parsed = result.data;
        else {
          for (const issue of result.error.issues) {
            if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) continue;
            invalid.push({ variable: issue.path.map(String).join('.') || '(root)', message: issue.message });
          }
        }
      }
      const missing = variables.filter((name) => parsed[name] === undefined);
      const extra = Object.keys(values).filter((name) => !variables.includes(name));
      if (missing.length || extra.length || invalid.length) throw new TemplateError(missing, extra, invalid);
      return messages.map(
        (message) =>
          ({
            role: message.role,
            content: message.content.replace(PLACEHOLDER, (_, name: string) => String(parsed[name])),
          }) as ChatMessage,
      );
    },
  };
}
