/**
 * An agent runner on any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, vLLM,
 * Ollama, llama.cpp's server…), streamed like speak's partner and read with the same SSE reader:
 * the model is asked for one JSON object in the shape of `MiyabiAgentResult`, the pieces are
 * logged as they arrive, and the answer is checked against that shape before it is believed
 * (https://platform.openai.com/docs/api-reference/chat-streaming).
 */
import { miyabiExecutions } from '@yorozu/contract';
import Type from 'typebox';
import { schemaProblem } from '../../../../kernel/jobs/index.ts';
import { dataLines } from '../../../../kernel/server-sent-events.ts';
import { AgentFailure, type AgentRunner, type AgentRunRequest } from './runner.ts';

export interface OpenAiAgentRunnerOptions {
  /** The API base, e.g. `https://api.openai.com/v1` (MIYABI_LLM_URL). */
  baseUrl: string;
  /** Sent as a bearer token (MIYABI_LLM_API_KEY); omitted when unset (a local server). */
  apiKey?: string;
  /** MIYABI_LLM_MODEL. */
  model: string;
  /** The whole run's time limit. */
  timeoutMs?: number;
}

/** The answer's largest size: a model that rambles past it is cut off and the run fails. */
const MAX_ANSWER_CHARACTERS = 200_000;

/** What the model must produce: the result without the fields the runner fills in itself. */
const ModelAnswer = Type.Object({
  title: Type.String(),
  summary: Type.String(),
  items: Type.Array(miyabiExecutions.AgentResultItem, { maxItems: 500 }),
  markdown: Type.String(),
});

const KINDS: Record<AgentRunRequest['agentType'], string> = {
  Coordinator: 'plan',
  CodeGen: 'code_plan',
  Review: 'review',
  Deployment: 'deployment',
  PR: 'pull_request',
  Issue: 'triage',
};

function prompt(request: AgentRunRequest): string {
  return [
    `You are the ${request.agentType} agent of a software team. Your output is a ${KINDS[request.agentType]}.`,
    'Answer with one JSON object and nothing else: {"title": string, "summary": string, "markdown": string, "items": [',
    '{"kind": string, "text": string, "agentType": one of Coordinator|CodeGen|Review|Deployment|PR|Issue or null,',
    '"path": string or null, "line": integer or null, "severity": "info"|"warning"|"error" or null}]}.',
    `Repository: ${request.repository ? `${request.repository.fullName} (branch ${request.repository.defaultBranch})` : 'none'}.`,
  ].join('\n');
}

export function openAiAgentRunner(options: OpenAiAgentRunnerOptions): AgentRunner {
  let base = options.baseUrl;
  while (base.endsWith('/')) base = base.slice(0, -1);
  const endpoint = `${base}/chat/completions`;
  const name = `openai:${options.model}`;
  return {
    name,
    async run(request, context) {
      await context.progress(5, `Asking ${options.model}`);
      const user = JSON.stringify({
        input: request.input,
        issueNumber: request.issueNumber,
        upstream: request.upstream,
      });
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: options.model,
          stream: true,
          response_format: { type: 'json_object' },
          messages: [
            { role: 'system', content: prompt(request) },
            { role: 'user', content: user },
          ],
        }),
        signal: AbortSignal.any([context.signal, AbortSignal.timeout(options.timeoutMs ?? 120_000)]),
      });
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw new AgentFailure(`The chat-completions endpoint answered ${response.status}.`);
      }
      let answer = '';
      let pieces = 0;
      for await (const data of dataLines(response.body)) {
        if (data === '[DONE]') break;
        let chunk: { choices?: { delta?: { content?: string | null } }[] };
        try {
          chunk = JSON.parse(data);
        } catch {
          throw new AgentFailure('The chat-completions endpoint sent a chunk that is not JSON.');
        }
        const content = chunk.choices?.[0]?.delta?.content;
        if (!content) continue;
        answer += content;
        pieces += 1;
        if (answer.length > MAX_ANSWER_CHARACTERS)
          throw new AgentFailure('The model answered more than we read.');
        if (pieces % 20 === 1)
          await context.log(`Received ${answer.length} characters from ${options.model}.`);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer);
      } catch {
        throw new AgentFailure(`${options.model} did not answer with JSON.`);
      }
      const problem = schemaProblem(ModelAnswer, parsed);
      if (problem) throw new AgentFailure(`${options.model}'s answer is not a result: ${problem}.`);
      const model = parsed as Type.Static<typeof ModelAnswer>;
      await context.progress(100, 'Done', { characters: answer.length });
      return {
        runner: name,
        heuristic: false,
        kind: KINDS[request.agentType],
        title: model.title,
        summary: model.summary,
        items: model.items,
        markdown: model.markdown,
      };
    },
  };
}
