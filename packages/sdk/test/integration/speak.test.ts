/**
 * WorldSpeakAI through the SDK against the real service and a real worker (local partner,
 * eSpeak NG voice): a turn's reply streams in pieces, then whole and voiced; a turn past the
 * microphone quota is a QuotaExceededError and opens no stream.
 */
import { startTestWorker } from '@yorozu/api/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { QuotaExceededError, type SpeakReplyEvent } from '../../src/index';
import { recordingFetch, signUp } from './accounts';

const worker = await startTestWorker(inject('databaseUrl'));
afterAll(() => worker.stop());

describe('speak.messages.stream', () => {
  it('streams the reply to a scripted turn, then gives it whole with its WAV and the next line', async () => {
    const { fetch, exchanges } = recordingFetch();
    const { client } = await signUp('speak', { fetch });
    const { data } = await client.speak.scripts.list({
      nativeLanguage: 'ja',
      targetLanguage: 'en',
      scenario: 'cafe',
    });
    const script = data[0]!;
    const conversation = await client.speak.conversations.create({ scriptId: script.id });
    const events: SpeakReplyEvent[] = [];
    for await (const event of client.speak.messages.stream({
      id: conversation.id,
      text: 'Can I have a latte, please?',
    }))
      events.push(event);

    expect(events[0]).toMatchObject({ type: 'turn', turn: { message: { type: 'user_speech' } } });
    const last = events.at(-1);
    if (last?.type !== 'replied') throw new Error(`ended with ${last?.type}`);
    const pieces = events.flatMap((e) => (e.type === 'delta' ? [e.text] : []));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('').trim()).toBe(last.reply.content);
    // The partner says the script's next line; the learner's next line comes as a suggestion.
    expect(last.reply.content).toBe(script.segments[2]!.text);
    expect(last.suggestion?.content).toBe(script.segments[3]!.text);
    const voice = await client.files.get({ id: last.reply.audioFileId! });
    expect(voice.type).toContain('audio/wav');
    expect(new TextDecoder().decode((await voice.arrayBuffer()).slice(0, 4))).toBe('RIFF');
    expect(exchanges).toContain(`GET /v1/speak/conversations/${conversation.id}/events 200`);
  });

  it('throws QuotaExceededError for a spoken turn over the quota, before any stream', async () => {
    const { fetch, exchanges } = recordingFetch();
    const { client } = await signUp('speak-quota', { fetch });
    const conversation = await client.speak.conversations.create({
      languagePair: { native: 'ja', target: 'en' },
    });
    // 61 minutes of silence: more than the free plan's 60 minutes a month.
    const seconds = 61 * 60;
    const rate = 1000;
    const wav = new Uint8Array(44 + seconds * rate);
    const view = new DataView(wav.buffer);
    new TextEncoder().encodeInto('RIFF', wav);
    view.setUint32(4, 36 + seconds * rate, true);
    new TextEncoder().encodeInto('WAVEfmt ', wav.subarray(8));
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 1, true);
    view.setUint32(24, rate, true);
    view.setUint32(28, rate, true);
    view.setUint16(32, 1, true);
    view.setUint16(34, 8, true);
    new TextEncoder().encodeInto('data', wav.subarray(36));
    view.setUint32(40, seconds * rate, true);
    const file = await client.files.create({ body: new Blob([wav], { type: 'audio/wav' }) });
    const stream = client.speak.messages.stream({ id: conversation.id, text: 'Hello', audioFileId: file.id });
    const error = await stream.next().catch((e) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({ product: 'speak', metric: 'seconds', limit: 3600, used: 0 });
    expect(exchanges.filter((e) => e.includes('/events'))).toEqual([]);
  });
});
