/**
 * WorldSpeakAI with the SDK: a new learner (Japanese, learning English) sets a profile, starts the
 * catalogue's café script and holds the conversation in the terminal. Each turn sends the
 * script's next line as a transcript with a recording (a WAV tone standing in for the
 * microphone), prints the partner's reply as it streams with the script line's stored
 * translation into Japanese, and saves the voiced reply as a WAV.
 * Ending the conversation prints its heuristic scores and the achievements earned.
 *
 *   npm start                            # in another terminal: the service (and its worker)
 *   npm run speak -w @yorozu/examples [output folder]
 *
 * YOROZU_BASE_URL defaults to http://127.0.0.1:3000. Each run signs up a new account.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QuotaExceededError, type Schemas, type SpeakReplyEvent, Yorozu } from '@yorozu/sdk';

/**
 * A 16-bit mono PCM WAV of a 220 Hz tone, `seconds` long: what a browser's MediaRecorder would
 * upload, minus the voice. The service measures its length from these bytes and spends it
 * from the monthly microphone quota.
 */
export function toneWav(seconds: number, sampleRate = 8000): Uint8Array<ArrayBuffer> {
  const samples = Math.round(seconds * sampleRate);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++)
    view.setInt16(44 + i * 2, Math.round(6000 * Math.sin((2 * Math.PI * 220 * i) / sampleRate)), true);
  return bytes;
}

export interface SpeakRun {
  conversation: Schemas['SpeakConversation'];
  /** The partner's replies, as streamed piece by piece and joined. */
  streamed: string[];
  replies: Schemas['SpeakMessage'][];
  /** The voiced replies saved as WAV files. */
  files: string[];
  earned: string[];
}

export async function runSpeak(
  client: Yorozu,
  outputDir: string,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<SpeakRun> {
  const print = (line: string) => write(`${line}\n`);
  await client.speak.profile.update({
    nativeLanguage: 'ja',
    targetLanguages: ['en'],
    timezone: 'Asia/Tokyo',
  });
  await client.speak.languages.update({ code: 'en', proficiencyLevel: 'elementary', speechRate: 1.1 });
  const { data: scripts } = await client.speak.scripts.list({
    nativeLanguage: 'ja',
    targetLanguage: 'en',
    scenario: 'cafe',
    premium: 'false',
  });
  const script = scripts[0];
  if (!script) throw new Error('The catalogue has no café script for ja→en.');
  const conversation = await client.speak.conversations.create({ scriptId: script.id });
  print(`「${script.title}」 (${script.languagePair.native}→${script.languagePair.target})`);

  // The partner's opening line and the learner's first line, oldest first.
  const opening = await client.speak.messages.list({ id: conversation.id, limit: 10 });
  let next: string | undefined;
  for (const message of opening.data.toReversed()) {
    if (message.type === 'ai_response') print(`partner: ${message.content}`);
    if (message.type === 'script_suggestion') next = message.content;
  }

  await mkdir(outputDir, { recursive: true });
  const run: Omit<SpeakRun, 'conversation' | 'earned'> = { streamed: [], replies: [], files: [] };
  for (let turn = 1; next !== undefined; turn++) {
    print(`you:     ${next}`);
    const recording = await client.files.create({
      body: new Blob([toneWav(0.4 * next.split(' ').length)], { type: 'audio/wav' }),
    });
    const stream = client.speak.messages.stream({
      id: conversation.id,
      text: next,
      audioFileId: recording.id,
    });
    let text = '';
    let done: Extract<SpeakReplyEvent, { type: 'replied' }> | undefined;
    write('partner: ');
    for await (const event of stream) {
      if (event.type === 'delta') {
        text += event.text;
        write(event.text);
      }
      if (event.type === 'replied') done = event;
    }
    write('\n');
    if (!done) throw new Error('The reply stream ended without the reply.');
    const { reply, suggestion } = done;
    run.streamed.push(text.trim());
    run.replies.push(reply);
    if (reply.audioFileId) {
      const voice = await client.files.get({ id: reply.audioFileId });
      const path = join(outputDir, `reply-${turn}.wav`);
      await writeFile(path, Buffer.from(await voice.arrayBuffer()));
      run.files.push(path);
      print(`         (voiced: ${path}, ${((reply.audioDurationMs ?? 0) / 1000).toFixed(1)} s)`);
    }
    // A script line comes with its stored translation into the learner's language.
    for (const [language, translation] of Object.entries(reply.translatedContent ?? {})) {
      print(`         (${language}: ${translation})`);
    }
    next = suggestion?.content;
  }

  const ended = await client.speak.conversations.end({ id: conversation.id, rating: 5 });
  const score = (value: number | null) => (value === null ? '–' : value.toFixed(0));
  print(
    `Scores (heuristics): overall ${score(ended.overallScore)}, accuracy ${score(ended.accuracyScore)}, ` +
      `fluency ${score(ended.fluencyScore)}, adherence ${((ended.scriptAdherenceScore ?? 0) * 100).toFixed(0)}%`,
  );
  // The kernel's quota view: speak meters microphone seconds.
  const quota = (await client.usage.list()).data.find((metric) => metric.product === 'speak');
  if (quota) print(`Microphone: ${quota.used} s used, ${quota.remaining ?? 'unlimited'} s left this month`);
  const earned = (await client.speak.achievements.list({ earned: 'true' })).data.map((a) => a.code);
  print(`Earned: ${earned.join(', ')}`);
  return { ...run, conversation: ended, earned };
}

if (import.meta.main) {
  const baseUrl = process.env.YOROZU_BASE_URL;
  const signup = await new Yorozu({ baseUrl, anonymous: true }).auth.signup({
    email: `speak-${Date.now()}-${randomBytes(3).toString('hex')}@example.com`,
    password: randomBytes(12).toString('base64url'),
    name: 'Haruto',
  });
  const client = new Yorozu({ baseUrl, accessToken: signup.tokens.accessToken });
  try {
    await runSpeak(client, process.argv[2] ?? 'speak-output');
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) throw error;
    console.error(`No microphone time left this month (${error.used} of ${error.limit} seconds used).`);
    process.exitCode = 2;
  }
}
