/**
 * Requests to any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, vLLM, Ollama,
 * llama.cpp's server…), shared by speak's partner (streamed, engine/openai.ts), grammar checker and
 * translator (one JSON answer each, feedback/openai.ts). `POST {baseUrl}/chat/completions`
 * (https://platform.openai.com/docs/api-reference/chat/create).
 */
import type { Static, TSchema } from 'typebox';
import { schemaProblem } from '../../kernel/jobs/index.ts';

export interface ChatEndpointOptions {
  /** The API base, e.g. `https://api.openai.com/v1` (SPEAK_LLM_URL). */
  baseUrl: string;
  /** Sent as a bearer token (SPEAK_LLM_API_KEY); omitted when unset (a local server). */
  apiKey?: string;
  /** SPEAK_LLM_MODEL. */
  model: string;
  /** The whole answer's time limit. */
  timeoutMs?: number;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export class OpenAiCompatibleError extends Error {
  override name = 'OpenAiCompatibleError';
}

/** Posts a chat-completions request; a non-2xx answer, or one without a body, is an OpenAiCompatibleError. */
export async function postChatCompletions(
  options: ChatEndpointOptions,
  body: Record<string, unknown>,
  accept: string,
  signal: AbortSignal,
  defaultTimeoutMs: number,
): Promise<Response & { body: ReadableStream<Uint8Array> }> {
  let base = options.baseUrl;
  while (base.endsWith('/')) base = base.slice(0, -1);
  const response = await fetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept,
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    },
    body: JSON.stringify({ model: options.model, ...body }),
    signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs)]),
  });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new OpenAiCompatibleError(`The chat-completions endpoint answered ${response.status}.`);
  }
  return response as Response & { body: ReadableStream<Uint8Array> };
}

/** The most characters of a JSON answer read: a model that rambles past it is refused. */
const MAX_ANSWER_CHARACTERS = 100_000;

/**
 * One answer, not streamed, asked for as a JSON object (`response_format: json_object`) and
 * believed only when it has the schema's shape: anything else is an OpenAiCompatibleError.
 */
export async function chatJson<Schema extends TSchema>(
  options: ChatEndpointOptions,
  messages: readonly ChatMessage[],
  schema: Schema,
  signal: AbortSignal,
): Promise<Static<Schema>> {
  const response = await postChatCompletions(
    options,
    { stream: false, response_format: { type: 'json_object' }, messages },
    'application/json',
    signal,
    30_000,
  );
  const raw = await response.text();
  if (raw.length > MAX_ANSWER_CHARACTERS)
    throw new OpenAiCompatibleError('The model answered more than we read.');
  let content: unknown;
  try {
    content = (JSON.parse(raw) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message
      ?.content;
  } catch {
    throw new OpenAiCompatibleError('The chat-completions endpoint did not answer JSON.');
  }
  if (typeof content !== 'string') throw new OpenAiCompatibleError(`${options.model} sent no message.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new OpenAiCompatibleError(`${options.model} did not answer with a JSON object.`);
  }
  const problem = schemaProblem(schema, parsed);
  if (problem) throw new OpenAiCompatibleError(`${options.model}'s answer has the wrong shape: ${problem}.`);
  return parsed as Static<Schema>;
}
