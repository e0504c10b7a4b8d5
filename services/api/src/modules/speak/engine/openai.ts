/**
 * The hosted partner: any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI,
 * vLLM, Ollama, llama.cpp's server…), streamed. `POST {baseUrl}/chat/completions` with
 * `stream: true` answers Server-Sent Events whose `data:` lines are chunks with
 * `choices[0].delta.content`, ended by `data: [DONE]`
 * (https://platform.openai.com/docs/api-reference/chat-streaming).
 */
import { dataLines } from '../../../kernel/server-sent-events.ts';
import { type ConversationEngine, type ReplyRequest, scriptReply } from './engine.ts';

export interface OpenAiEngineOptions {
  /** The API base, e.g. `https://api.openai.com/v1` (SPEAK_LLM_URL). */
  baseUrl: string;
  /** Sent as a bearer token (SPEAK_LLM_API_KEY); omitted when unset (a local server). */
  apiKey?: string;
  /** SPEAK_LLM_MODEL. */
  model: string;
  /** The whole reply's time limit. */
  timeoutMs?: number;
}

function systemPrompt(request: ReplyRequest): string {
  const { conversation, script, turn } = request;
  const lines = [
    `You are a friendly conversation partner helping a learner practise ${conversation.targetLanguage}.`,
    `The learner's native language is ${conversation.nativeLanguage}. Scenario: ${conversation.scenario}. ` +
      `Difficulty ${conversation.difficultyLevel} of 10: keep sentences at that level.`,
    `Answer only in ${conversation.targetLanguage}, in one to three short sentences, and keep the conversation going.`,
  ];
  if (script) {
    const next = turn.scriptSegment === null ? null : scriptReply(script.segments, turn.scriptSegment);
    lines.push(`You are following the script "${script.title}".`);
    if (next)
      lines.push(
        `Your next line in the script is: "${next.text}". Say it, adapted to what the learner said.`,
      );
    else lines.push('The script is finished: congratulate the learner briefly.');
  }
  return lines.join('\n');
}

export class OpenAiCompatibleError extends Error {
  override name = 'OpenAiCompatibleError';
}

export function openAiConversationEngine(options: OpenAiEngineOptions): ConversationEngine {
  let base = options.baseUrl;
  while (base.endsWith('/')) base = base.slice(0, -1);
  const endpoint = `${base}/chat/completions`;
  return {
    name: `openai:${options.model}`,
    async *reply(request, signal) {
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
          messages: [{ role: 'system', content: systemPrompt(request) }, ...request.history],
        }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs ?? 60_000)]),
      });
      if (!response.ok || !response.body) {
        throw new OpenAiCompatibleError(`The chat-completions endpoint answered ${response.status}.`);
      }
      for await (const data of dataLines(response.body)) {
        if (data === '[DONE]') return;
        const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string | null } }[] };
        const content = chunk.choices?.[0]?.delta?.content;
        if (content) yield content;
      }
    },
  };
}
