import {
  type ChatMessage,
  type ChatRequest,
  isSwitchboardError,
  modelCatalog,
  type ProviderOptions,
} from '@switchboard/core';
import { estimateCost, fitToContext } from '@switchboard/tokenizer';
import { describeFailure } from '../cli/demo-error.js';
import type { Output } from '../cli/output.js';
import type { DemoContext, ProviderKind } from '../setup/connect.js';
import { formatCount, formatUsd } from '../tokens/token-report.js';

/** Settings of a chat session. */
export interface ChatSettings {
  /** The model to start with. */
  model: string;
  /** A system prompt to start with. */
  system?: string;
  /** The context window to fit the history into (default: the model's, from the catalog). */
  contextWindow?: number;
  /** Tokens kept free for each answer (and its upper bound). */
  maxOutputTokens: number;
  /** Sent with every turn (`--api responses` picks the wire API here). */
  providerOptions?: ProviderOptions;
}

/** What one turn did, for `--json` and tests. */
export interface TurnRecord {
  /** The provider that answered. */
  provider: ProviderKind;
  /** The model. */
  model: string;
  /** The user's message. */
  user: string;
  /** The answer (partial when cancelled). */
  answer: string;
  /** `done`, `cancelled` or `failed`. */
  status: 'done' | 'cancelled' | 'failed';
  /** Prompt tokens counted before sending. */
  countedPromptTokens: number;
  /** Messages dropped or shortened to fit the context window. */
  trimmed: number;
  /** Prompt and answer tokens the service reported. */
  usage?: { inputTokens: number; outputTokens: number };
  /** The turn's cost at list prices. */
  costUsd: number;
}

/** What the REPL does after a line. */
export type LineOutcome = 'continue' | 'exit';

function describeRemoved(removed: { action: 'dropped' | 'truncated' }[]): string {
  const dropped = removed.filter((entry) => entry.action === 'dropped').length;
  const parts = [];
  if (dropped) parts.push(`${dropped} oldest message(s) dropped`);
  if (removed.length > dropped) parts.push(`${removed.length - dropped} shortened`);
  return parts.join(', ');
}

const HELP = [
  '/model [name]              show or change the model',
  '/provider openai|azure     switch the service (both point at the mock server offline)',
  '/system [text]             set the system prompt (no text: remove it)',
  '/reset                     forget the conversation (keeps model and system prompt)',
  '/help                      this list',
  '/exit                      leave (so does Ctrl-D)',
];

/**
 * The state of an interactive chat: provider, model, system prompt and history, which is fitted to the model's
 * context window before every turn (the oldest messages go first). Lines starting with `/` are commands; anything
 * else is a user message answered as a stream, followed by the turn's token counts and cost.
 */
export class ChatSession {
  model: string;
  kind: ProviderKind;
  system: string | undefined;
  readonly turns: TurnRecord[] = [];
  private history: ChatMessage[] = [];
  private totalCostUsd = 0;

  constructor(
    private readonly demo: DemoContext,
    private readonly output: Output,
    private readonly settings: ChatSettings,
  ) {
    this.model = settings.model;
    this.kind = demo.kind;
    this.system = settings.system;
  }

  /** Messages in the history (the system prompt not included). */
  get historyLength(): number {
    return this.history.length;
  }

  /** Handles one line of input; `signal` cancels the answer in progress. */
  async handle(line: string, signal: AbortSignal): Promise<LineOutcome> {
    const text = line.trim();
    if (text === '') return 'continue';
    if (text.startsWith('/')) return this.command(text);
    await this.turn(text, signal);
    return 'continue';
  }

  private command(text: string): LineOutcome {
    const [name = '', ...rest] = text.slice(1).split(/\s+/);
    const argument = text.slice(1 + name.length).trim();
    const note = (line: string) => this.output.line(this.output.style('dim', line));
    switch (name) {
      case 'exit':
      case 'quit':
        return 'exit';
      case 'help':
        for (const line of HELP) note(line);
        break;
      case 'model':
        if (!argument) note(`model: ${this.model}`);
        else {
          this.model = argument;
          const unknown = modelCatalog.get(argument).unknown;
          note(`model: ${this.model}${unknown ? ' (not in the catalog: token counts use o200k_base, no price)' : ''}`);
        }
        break;
      case 'provider':
        this.switchProvider(rest[0]);
        break;
      case 'system':
        this.system = argument || undefined;
        note(this.system ? `system prompt: ${this.system}` : 'system prompt removed');
        break;
      case 'reset':
        this.history = [];
        note('conversation forgotten');
        break;
      default:
        note(`Unknown command /${name}; /help lists the commands.`);
    }
    return 'continue';
  }

  private switchProvider(kind: string | undefined): void {
    if (kind !== 'openai' && kind !== 'azure') {
      this.output.line(
        this.output.style('dim', `provider: ${this.kind} (switch with /provider openai or /provider azure)`),
      );
      return;
    }
    try {
      this.demo.providers[kind] ??= this.demo.create(kind);
      this.kind = kind;
      this.output.line(this.output.style('dim', `provider: ${kind}`));
    } catch (error) {
      this.output.line(`${this.output.style('red', 'error:')} ${describeFailure(error)}`);
    }
  }

  private async turn(user: string, signal: AbortSignal): Promise<void> {
    const messages: ChatMessage[] = [...this.history, { role: 'user', content: user }];
    const request: ChatRequest = {
      model: this.model,
      messages: this.system ? [{ role: 'system', content: this.system }, ...messages] : messages,
      maxOutputTokens: this.settings.maxOutputTokens,
      ...(this.settings.providerOptions ? { providerOptions: this.settings.providerOptions } : {}),
    };
    const record: TurnRecord = {
      provider: this.kind,
      model: this.model,
      user,
      answer: '',
      status: 'failed',
      countedPromptTokens: 0,
      trimmed: 0,
      costUsd: 0,
    };
    this.turns.push(record);
    let fitted: ChatRequest;
    try {
      const fit = fitToContext(request, {
        ...(this.settings.contextWindow ? { contextWindow: this.settings.contextWindow } : {}),
      });
      fitted = fit.request;
      record.countedPromptTokens = fit.tokens;
      record.trimmed = fit.removed.length;
      if (fit.removed.length > 0) {
        this.output.line(
          this.output.style(
            'dim',
            `(fitted to the ${formatCount(fit.contextWindow)}-token window with ${formatCount(this.settings.maxOutputTokens)} kept for the answer: ${describeRemoved(fit.removed)}, ${formatCount(fit.tokensBefore)} → ${formatCount(fit.tokens)} prompt tokens)`,
          ),
        );
      }
    } catch (error) {
      this.output.line(`${this.output.style('red', 'error:')} ${describeFailure(error)}`);
      return;
    }
    const provider = this.demo.providers[this.kind] as NonNullable<DemoContext['providers'][ProviderKind]>;
    const stream = provider.streamChat(fitted, { signal });
    try {
      for await (const delta of stream.textStream) {
        record.answer += delta;
        this.output.write(delta);
      }
      const response = await stream.response;
      record.status = 'done';
      this.output.line();
      if (response.usage) {
        record.usage = { inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens };
        record.costUsd = estimateCost(response.usage, { model: this.model }).totalUsd;
      }
    } catch (error) {
      if (signal.aborted) {
        record.status = 'cancelled';
        this.output.line(this.output.style('yellow', record.answer ? ' [cancelled]' : '[cancelled]'));
      } else {
        this.output.line();
        this.output.line(`${this.output.style('red', 'error:')} ${describeFailure(error)}`);
        if (!isSwitchboardError(error)) throw error;
        return;
      }
    }
    // The fitted history is what the next turn starts from; a cancelled answer stays as far as it got.
    this.history = fitted.messages.filter((message) => message.role !== 'system');
    if (record.answer) this.history.push({ role: 'assistant', content: record.answer });
    this.totalCostUsd += record.costUsd;
    this.output.line(this.output.style('dim', this.turnSummary(record)));
  }

  private turnSummary(record: TurnRecord): string {
    const parts = [`${record.provider}/${record.model}`];
    if (record.usage) {
      parts.push(
        `${formatCount(record.usage.inputTokens)} prompt tokens (counted ${formatCount(record.countedPromptTokens)} before sending)`,
        `${formatCount(record.usage.outputTokens)} answer tokens`,
        `${formatUsd(record.costUsd)} this turn`,
      );
    } else parts.push(`${formatCount(record.countedPromptTokens)} prompt tokens counted`);
    parts.push(`${formatUsd(this.totalCostUsd)} so far`);
    return `[${parts.join(' · ')}]`;
  }
}
