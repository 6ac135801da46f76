import type { CostBreakdown } from '../cost/calculate-cost.js';
import type { ObjectPrompt } from '../structured/object-call.js';
import type { CallOptions } from '../types/call-options.js';
import type { ChatMessage, ChatRequest, ToolChoice } from '../types/chat-request.js';
import type { ChatResponse, FinishReason, ResponseToolCall } from '../types/chat-response.js';
import type { ChatStreamEvent } from '../types/stream-events.js';
import type { Usage } from '../types/usage.js';
import type { ToolSet } from './tool.js';
import type { ToolResult } from './tool-results.js';

/** Options of `runTools` and `streamTools`: request fields, call options, the tools and how the loop runs. */
export type RunToolsOptions<T extends ToolSet> = Omit<ChatRequest, 'messages' | 'tools' | 'toolChoice'> &
  CallOptions &
  ObjectPrompt & {
    /** The tools the model may call, by name. */
    tools: T;
    /** A system prompt put before the messages. */
    system?: string;
    /** Model calls at most (each answer with tool calls is one step); 8 by default. */
    maxSteps?: number;
    /** The tool choice of every step, or a function of the step number (0-based) to choose per step. */
    toolChoice?: ToolChoice | ((step: number) => ToolChoice | undefined);
    /** `return-to-model` (default): failed calls go back to the model as errors; `throw`: the loop throws them. */
    toolErrors?: 'return-to-model' | 'throw';
    /** Called after each step, tools done; an error it throws ends the loop. */
    onStepFinish?: (step: StepResult<T>) => void | Promise<void>;
  };

/** One model call of the loop and the tool calls it made. */
export interface StepResult<T extends ToolSet> {
  /** The step number, from 0. */
  stepNumber: number;
  /** The text of this answer ('' when it only called tools). */
  text: string;
  /** The tool calls the model made, as it sent them. */
  toolCalls: ResponseToolCall[];
  /** Their outcomes, in the same order: typed results or errors. */
  toolResults: ToolResult<T>[];
  /** Why the model stopped. */
  finishReason: FinishReason;
  /** Tokens of this step. */
  usage: Usage | undefined;
  /** The whole response of this step. */
  response: ChatResponse;
}

/** The outcome of a tool loop. */
export interface RunToolsResult<T extends ToolSet> {
  /** The final answer's text ('' when the loop stopped at `maxSteps` with tool calls). */
  text: string;
  /** Every step, in order. */
  steps: StepResult<T>[];
  /** The last response. */
  response: ChatResponse;
  /** The whole conversation: the input, each assistant turn and tool result, and the final answer. */
  messages: ChatMessage[];
  /** The tokens of all steps. */
  usage: Usage;
  /** What all steps cost at the catalog's prices. */
  cost: CostBreakdown;
  /** `answer`: the model answered without tools; `max-steps`: it was still calling tools at the last step. */
  stoppedBy: 'answer' | 'max-steps';
}

/** A step begins (a model call is about to be sent). */
export interface StepStartEvent {
  /** Discriminator. */
  type: 'step-start';
  /** The step number. */
  step: number;
}

/** A tool call finished (or failed and went back to the model). */
export interface ToolResultEvent<T extends ToolSet> {
  /** Discriminator. */
  type: 'tool-result';
  /** The step number. */
  step: number;
  /** The outcome. */
  toolResult: ToolResult<T>;
}

/** A step is over, its tools done. */
export interface StepFinishEvent<T extends ToolSet> {
  /** Discriminator. */
  type: 'step-finish';
  /** The step number. */
  step: number;
  /** What happened in it. */
  stepResult: StepResult<T>;
}

/** A chat stream event of one step. */
export type StepChatEvent = ChatStreamEvent & {
  /** The step number. */
  step: number;
};

/** An event of `streamTools`: each step's chat events between step boundaries, and each tool result. */
export type ToolStreamEvent<T extends ToolSet> =
  | StepStartEvent
  | StepChatEvent
  | ToolResultEvent<T>
  | StepFinishEvent<T>;
