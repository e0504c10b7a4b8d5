import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../kernel/errors.ts';
import { validateDag } from './dag.ts';

const node = (id: string, type = 'Review') => ({ id, type });
const edge = (id: string, source: string, target: string) => ({ id, source, target });

function problem(definition: Parameters<typeof validateDag>[0]) {
  try {
    validateDag(definition);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, errors: error.extras.errors };
    throw error;
  }
  throw new Error('expected a problem');
}

describe('workflow DAG validation', () => {
  it('orders steps so every edge points forward', () => {
    const dag = validateDag({
      nodes: [node('pr', 'PR'), node('review'), node('triage', 'Issue'), node('plan', 'Coordinator')],
      edges: [
        edge('a', 'triage', 'review'),
        edge('b', 'review', 'pr'),
        edge('c', 'plan', 'pr'),
        edge('d', 'triage', 'plan'),
      ],
    });
    const at = (id: string) => dag.order.indexOf(id);
    expect(dag.order).toHaveLength(4);
    expect(at('triage')).toBeLessThan(at('review'));
    expect(at('review')).toBeLessThan(at('pr'));
    expect(at('plan')).toBeLessThan(at('pr'));
    expect(dag.upstream.get('pr')).toEqual(['review', 'plan']);
  });

  it('names the node of an unknown type, a duplicate, a dangling edge and a cycle', () => {
    expect(problem({ nodes: [node('x', 'Deploy')], edges: [] }).errors?.[0]).toMatchObject({
      path: '/body/definition/nodes/0/type',
      message: expect.stringContaining('"x"'),
    });
    expect(problem({ nodes: [node('x'), node('x')], edges: [] }).errors?.[0]?.message).toContain(
      '"x" appears twice',
    );
    expect(problem({ nodes: [node('a')], edges: [edge('e', 'a', 'ghost')] }).errors?.[0]).toMatchObject({
      path: '/body/definition/edges/0/target',
      message: expect.stringContaining('"ghost"'),
    });
    const cycle = problem({
      nodes: [node('start'), node('a'), node('b'), node('c')],
      edges: [edge('1', 'start', 'a'), edge('2', 'a', 'b'), edge('3', 'b', 'c'), edge('4', 'c', 'a')],
    });
    expect(cycle).toMatchObject({ code: 'validation_failed' });
    expect(cycle.errors?.[0]?.message).toContain('"a" is in a cycle');
    expect(problem({ nodes: [node('a')], edges: [edge('s', 'a', 'a')] }).errors?.[0]?.message).toContain(
      '"a"',
    );
  });

  it('handles a 50 000-node chain (one pass per node and edge, no recursion to overflow)', () => {
    const n = 50_000;
    const nodes = Array.from({ length: n }, (_, i) => node(`n${i}`));
    const edges = Array.from({ length: n - 1 }, (_, i) => edge(`e${i}`, `n${i}`, `n${i + 1}`));
    expect(validateDag({ nodes, edges }).order.at(-1)).toBe(`n${n - 1}`);
  });
});
