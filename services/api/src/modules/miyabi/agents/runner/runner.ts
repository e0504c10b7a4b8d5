/**
 * The agent runner (docs/products/miyabi.md, Agent executions): what turns an agent's input into
 * its structured output. Chosen in the composition root by MIYABI_AGENT_RUNNER: `dry-run`, the
 * built-in deterministic heuristics (the default: it runs offline and labels its output as
 * heuristic), or `openai-compatible`, a chat-completions endpoint.
 */
import type { miyabiExecutions } from '@yorozu/contract';
import type { Static } from 'typebox';

export type AgentType = (typeof miyabiExecutions.AGENT_TYPES)[number];
export type AgentInput = Static<typeof miyabiExecutions.AgentInput>;
export type AgentResult = Static<typeof miyabiExecutions.AgentResult>;
export type AgentResultItem = Static<typeof miyabiExecutions.AgentResultItem>;

export interface AgentRunRequest {
  agentType: AgentType;
  input: AgentInput;
  repository: { fullName: string; defaultBranch: string } | null;
  issueNumber: number | null;
  /** In a workflow: the results of the steps with an edge into this one, in edge order. */
  upstream: readonly { nodeId: string; agentType: AgentType; result: AgentResult }[];
}

export interface AgentRunContext {
  /** Appends a line to the execution's live log. */
  log(message: string): Promise<void>;
  /** Moves the agent state (and the job's progress) forward. */
  progress(progress: number, currentTask: string, stateData?: Record<string, unknown>): Promise<void>;
  /** Aborted when the run no longer owns the job (canceled, worker shutting down). */
  signal: AbortSignal;
}

export interface AgentRunner {
  /** `dry-run`, `openai:<model>`: the result's `runner`. */
  readonly name: string;
  run(request: AgentRunRequest, context: AgentRunContext): Promise<AgentResult>;
}

/**
 * A failure another attempt would repeat (nothing to read, a model's unusable answer, an
 * endpoint's refusal): the execution fails at once with this message.
 */
export class AgentFailure extends Error {
  override name = 'AgentFailure';
}
