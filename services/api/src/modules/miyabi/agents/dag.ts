/**
 * A workflow's React Flow document checked as a DAG of agent steps, in time linear in its nodes
 * and edges: one pass for ids and types, one for edges, then Kahn's algorithm
 * (https://en.wikipedia.org/wiki/Topological_sorting#Kahn's_algorithm), whose order is the order
 * the steps run in. What it refuses is named in the 400's `errors`: the node (or edge) and why.
 */
import { miyabiExecutions } from '@yorozu/contract';
import { DomainError } from '../../../kernel/errors.ts';
import type { AgentType } from './runner/runner.ts';

export interface DagNode {
  id: string;
  type: string;
  data?: { instructions?: string | undefined } | undefined;
}

export interface DagEdge {
  id: string;
  source: string;
  target: string;
}

export interface Dag {
  /** Node ids in an order where every edge points forward. */
  order: string[];
  /** Each node's agent. */
  agentOf: Map<string, AgentType>;
  /** Each node's upstream node ids, in edge order. */
  upstream: Map<string, string[]>;
  /** Each node's downstream node ids, in edge order. */
  downstream: Map<string, string[]>;
}

const AGENTS = new Set<string>(miyabiExecutions.AGENT_TYPES);

function invalid(path: string, message: string): DomainError {
  return new DomainError('validation_failed', `Invalid workflow: ${message}.`, {
    errors: [{ path, message }],
  });
}

export function validateDag(
  definition: { nodes: readonly DagNode[]; edges: readonly DagEdge[] },
  pathPrefix = '/body/definition',
): Dag {
  const agentOf = new Map<string, AgentType>();
  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, string[]>();
  for (const [index, node] of definition.nodes.entries()) {
    if (agentOf.has(node.id))
      throw invalid(`${pathPrefix}/nodes/${index}/id`, `node "${node.id}" appears twice`);
    if (!AGENTS.has(node.type))
      throw invalid(
        `${pathPrefix}/nodes/${index}/type`,
        `node "${node.id}" has unknown type "${node.type}" (one of ${miyabiExecutions.AGENT_TYPES.join(', ')})`,
      );
    agentOf.set(node.id, node.type as AgentType);
    upstream.set(node.id, []);
    downstream.set(node.id, []);
  }
  const edgeIds = new Set<string>();
  const pairs = new Set<string>();
  for (const [index, edge] of definition.edges.entries()) {
    const path = `${pathPrefix}/edges/${index}`;
    if (edgeIds.has(edge.id)) throw invalid(`${path}/id`, `edge "${edge.id}" appears twice`);
    edgeIds.add(edge.id);
    for (const end of ['source', 'target'] as const) {
      if (!agentOf.has(edge[end]))
        throw invalid(
          `${path}/${end}`,
          `edge "${edge.id}" is dangling: its ${end} node "${edge[end]}" does not exist`,
        );
    }
    if (edge.source === edge.target)
      throw invalid(path, `node "${edge.source}" is in a cycle: edge "${edge.id}" points to itself`);
    // JSON of the pair: no separator character can make two different pairs collide.
    const pair = JSON.stringify([edge.source, edge.target]);
    if (pairs.has(pair)) continue;
    pairs.add(pair);
    downstream.get(edge.source)?.push(edge.target);
    upstream.get(edge.target)?.push(edge.source);
  }
  const indegree = new Map([...upstream].map(([id, sources]) => [id, sources.length]));
  const ready = definition.nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id);
  const order: string[] = [];
  for (let head = 0; head < ready.length; head += 1) {
    const id = ready[head] as string;
    order.push(id);
    for (const next of downstream.get(id) ?? []) {
      const left = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (order.length < definition.nodes.length) {
    // Every node left has an unvisited upstream; the first in document order names the cycle.
    const index = definition.nodes.findIndex((node) => (indegree.get(node.id) ?? 0) > 0);
    const node = definition.nodes[index] as DagNode;
    throw invalid(`${pathPrefix}/nodes/${index}`, `node "${node.id}" is in a cycle (or depends on one)`);
  }
  return { order, agentOf, upstream, downstream };
}
