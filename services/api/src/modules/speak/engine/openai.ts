/**
 * The hosted partner: any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI,
 * vLLM, Ollama, llama.cpp's server…), streamed. `POST {baseUrl}/chat/completions` with
 * `stream: true` answers Server-Sent Events whose `data:` lines are chunks with
 * `choices[0].delta.content`, ended by `data: [DONE]`
 * (https://platform.openai.com/docs/api-reference/chat-streaming).
 */
import { dataLines } from '../../../kernel/server-sent-events.ts';
import { type ChatEndpointOptions, postChatCompletions } from '../openai-compatible.ts';
import { type ConversationEngine, type ReplyRequest, scriptReply } from './engine.ts';

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

export function openAiConversationEngine(options: ChatEndpointOptions): ConversationEngine {
  return {
    name: `openai:${options.model}`,
    async *reply(request, signal) {
      const response = await postChatCompletions(
        options,
        {
          stream: true,
          messages: [{ role: 'system', content: systemPrompt(request) }, ...request.history],
        },
        'text/event-stream',
        signal,
        60_000,
      );
      for await (const data of dataLines(response.body)) {
        if (data === '[DONE]') return;
        const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string | null } }[] };
        const content = chunk.choices?.[0]?.delta?.content;
        if (content) yield content;
      }
    },
  };
}
