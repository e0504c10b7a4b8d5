/**
 * Agent runs count toward their plugin's usage (docs/products/miyabi.md, Usage metering): each
 * execution reserves one of its plugin's monthly `agent-runs` when it is created (402 past the
 * plan's limit, in the creating request's transaction), the kernel job that runs it gives the
 * reservation back if it fails or is canceled (kernel/jobs, the job's quota ledger entry), and
 * its completion counts it in the plugin's usage aggregate as a usage event whose id is the
 * execution's, so a retried completion counts nothing twice.
 */
import type { DatabaseTransactionConnection } from 'slonik';
import { refundQuota, type SpendAtCommit } from '../../../kernel/metering/index.ts';
import { countUsage } from '../market/usage-queries.ts';
import type { AgentType } from './runner/runner.ts';

/** The catalogue plugin (migrations/0301) whose usage an agent's runs count toward. */
export const AGENT_PLUGINS: Readonly<Record<AgentType, string>> = {
  Coordinator: 'miyabi-core',
  Issue: 'miyabi-core',
  PR: 'miyabi-core',
  CodeGen: 'miyabi-codegen',
  Review: 'miyabi-review',
  Deployment: 'miyabi-deploy',
};

export interface RunReservation {
  pluginId: string;
  /** The quota ledger entry to give back if the run never completes. */
  ledgerEntryId: string;
}

/** Reserves one monthly run of the agent's plugin for an execution; made when the transaction commits. */
export async function reserveRun(
  spend: SpendAtCommit,
  accountId: string,
  agentType: AgentType,
  executionId: string,
): Promise<RunReservation> {
  const pluginId = AGENT_PLUGINS[agentType];
  const reserved = await spend({
    accountId,
    product: 'miyabi',
    metric: 'agent-runs',
    amount: 1,
    reason: `miyabi.agent ${agentType}`,
    referenceId: executionId,
    subject: pluginId,
  });
  return { pluginId, ledgerEntryId: reserved.id };
}

/**
 * Counts a completed execution in its plugin's month, in the completion's transaction. The usage
 * event's id is the execution's: a second count (a retried job, a replayed completion) inserts
 * nothing and moves nothing. Executions made before runs were metered have no plugin.
 */
export async function countCompletedRun(
  db: DatabaseTransactionConnection,
  accountId: string,
  execution: { id: string; agentType: string; pluginId: string | null },
) {
  if (execution.pluginId === null) return;
  await countUsage(db, accountId, [
    {
      id: execution.id,
      pluginId: execution.pluginId,
      type: 'agent_execution',
      quantity: 1,
      agentType: execution.agentType,
      data: { executionId: execution.id },
    },
  ]);
}

/** Gives back the reservation of an execution that never got a job (a workflow step after a failed one), once. */
export async function refundUnrunRun(
  db: DatabaseTransactionConnection,
  accountId: string,
  ledgerEntryId: string | null,
) {
  if (ledgerEntryId === null) return;
  await refundQuota(db, { accountId, ledgerEntryId, reason: 'miyabi.agent step not run' });
}
