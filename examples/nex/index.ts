/**
 * Eldonia-Nex with the SDK: two new accounts join nex; the first uploads an image and publishes
 * an artwork titled 「夕焼けの海」; an anonymous client finds it by searching 「海」; the second
 * account likes it and comments; the creator's EXP and level change, read back at each step.
 * The anonymous client also downloads the artwork's generated preview, and the second account
 * joins the first one's public group, then asks to join its private one, which the first approves.
 *
 *   npm start                          # in another terminal: the service
 *   npm run nex -w @yorozu/examples
 *
 * YOROZU_BASE_URL defaults to http://127.0.0.1:3000. Each run signs up two new accounts.
 */
import { randomBytes } from 'node:crypto';
import { type Schemas, Yorozu } from '@yorozu/sdk';

/** A 1×1 PNG: the artwork's media. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

async function newCreator(baseUrl: string, label: string) {
  const signup = await new Yorozu({ baseUrl, anonymous: true }).auth.signup({
    email: `nex-${label}-${Date.now()}-${randomBytes(3).toString('hex')}@example.com`,
    password: randomBytes(12).toString('base64url'),
    name: label,
  });
  const client = new Yorozu({ baseUrl, accessToken: signup.tokens.accessToken });
  const username = `${label}_${randomBytes(4).toString('hex')}`;
  const creator = await client.nex.creators.create({ username, birthDate: '2000-04-01' });
  return { client, creator };
}

export interface NexRun {
  artwork: Schemas['NexArtwork'];
  found: Schemas['NexArtwork'][];
  comment: Schemas['NexComment'];
  before: Schemas['NexCreator'];
  after: Schemas['NexCreator'];
  /** The preview as the anonymous client downloaded it. */
  preview: Blob;
  group: Schemas['NexGroup'];
  /** The private group as the second account sees it once its join request is approved. */
  privateGroup: Schemas['NexGroup'];
}

export async function runNex(baseUrl: string, print: (line: string) => void = console.log): Promise<NexRun> {
  const yuki = await newCreator(baseUrl, 'yuki');
  const hana = await newCreator(baseUrl, 'hana');
  const visitor = new Yorozu({ baseUrl, anonymous: true });
  const show = async (label: string) => {
    const creator = await visitor.nex.creators.get({ username: yuki.creator.username });
    print(`${label}: ${creator.username} has ${creator.totalExp} EXP, level ${creator.level}`);
    return creator;
  };
  const before = await show('Joined');

  const file = await yuki.client.files.create({ body: new Blob([PNG], { type: 'image/png' }) });
  const draft = await yuki.client.nex.artworks.create({
    title: '夕焼けの海',
    description: '海に沈む夕日を水彩で描きました。',
    category: 'landscape',
    tags: ['夕焼け', 'watercolour'],
    fileId: file.id,
  });
  const artwork = await yuki.client.nex.artworks.publish({ id: draft.id });
  print(`Published 「${artwork.title}」 (${artwork.id}), tags ${artwork.tags.join(', ')}`);
  await show('After publishing');

  // Anyone can search, without credentials: 「海」 is one character, found inside 「夕焼けの海」.
  const { data: found } = await visitor.nex.artworks.list({ q: '海', creator: yuki.creator.username });
  print(`Search 「海」: ${found.map((a) => `「${a.title}」`).join(', ')}`);
  // The generated preview (and, the artwork being free, its media) is readable by anyone now.
  const preview = await visitor.files.get({ id: artwork.previewFileId ?? '' });
  print(`Preview: ${preview.type}, ${preview.size} bytes, read without credentials`);

  await hana.client.nex.artworks.like({ id: artwork.id });
  const comment = await hana.client.nex.comments.create({
    id: artwork.id,
    content: '色がとても綺麗です！',
    rating: 5,
  });
  print(`${hana.creator.username} liked it and commented: ${comment.content} (${comment.rating}/5)`);
  const after = await show('After a like');

  const club = await yuki.client.nex.groups.create({ name: '水彩クラブ', isPublic: true });
  await hana.client.nex.groups.join({ id: club.id });
  const group = await visitor.nex.groups.get({ id: club.id });
  print(`Group 「${group.name}」: ${group.memberCount} members, owner ${group.ownerUsername}`);

  // A private group is invisible to outsiders: hana asks by the id yuki gave her, yuki approves.
  const circle = await yuki.client.nex.groups.create({ name: '水彩研究会', isPublic: false });
  const request = await hana.client.nex.groups.joinRequests.create({
    id: circle.id,
    message: '水彩を勉強中です。',
  });
  const { data: waiting } = await yuki.client.nex.groups.joinRequests.list({ id: circle.id });
  print(`Join requests for 「${circle.name}」: ${waiting.map((r) => r.username).join(', ')}`);
  await yuki.client.nex.groupJoinRequests.approve({ id: request.id });
  const privateGroup = await hana.client.nex.groups.get({ id: circle.id });
  print(`${hana.creator.username} is now a ${privateGroup.myRole} of 「${privateGroup.name}」`);

  const levels = await visitor.nex.levels.list();
  const next = levels.data.find((level) => level.minExp > after.totalExp);
  if (next) print(`Level ${next.level} at ${next.minExp} EXP`);
  return { artwork, found, comment, before, after, preview, group, privateGroup };
}

if (import.meta.main) {
  await runNex(process.env.YOROZU_BASE_URL ?? 'http://127.0.0.1:3000');
}
