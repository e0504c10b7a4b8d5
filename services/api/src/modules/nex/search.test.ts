import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, testApp } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';
import { fold } from './fold.ts';
import { CANDIDATES } from './search.ts';
import { draftArtwork, joinedCreator, publishedArtwork } from './testing.ts';

const { app, databaseUrl } = await testApp();

/** Every artwork of this file's creator matching the query, in order, through the public (anonymous) API. */
async function search(query: string) {
  const response = await app.inject({ method: 'GET', url: `/v1/nex/artworks?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { data: { id: string; title: string }[]; nextCursor: string | null };
}

async function allTitles(query: string, limit = 100) {
  const titles: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await search(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    titles.push(...page.data.map((a) => a.title));
    cursor = page.nextCursor;
  } while (cursor);
  return titles;
}

const creator = await joinedCreator(app);
const other = await joinedCreator(app);
const mine = `creator=${creator.username}`;
await publishedArtwork(app, creator, {
  title: '夕焼けの海',
  description: '海に沈む夕日を水彩で描きました。',
  category: 'landscape',
  tags: ['夕焼け', 'Watercolour'],
});
await publishedArtwork(app, creator, {
  title: 'トーキョー・ナイト Tokyo Night',
  category: 'pixel-art',
  priceAmount: 500,
});
await publishedArtwork(app, creator, {
  title: 'ゆうやけ小焼け',
  description: 'ひらがなの題名',
  category: 'vocaloid',
});
await publishedArtwork(app, creator, {
  title: 'Sunset over the sea',
  description: 'English only',
  category: 'video',
  priceAmount: 1200,
});
await publishedArtwork(app, creator, {
  title: 'Night walk',
  description: 'Tokyo streets at 2am',
  category: 'novel',
});
await publishedArtwork(app, creator, {
  title: '100% 海_風',
  description: 'literal percent and underscore',
  category: 'writing',
});
await draftArtwork(app, creator, { title: '夕焼けの下書き' });
await publishedArtwork(app, other, { title: '他人の夕焼け' });

describe('nex artwork search', () => {
  it('ranks at most the most recently published matches of a query, however many match', async () => {
    // More matches than the bound, written by SQL (through the API this would take minutes); the
    // search table follows by its trigger as it does for the service's writes.
    const admin = await superuserPool(databaseUrl);
    const word = `bound${Date.now()}`;
    await admin.query(sql.unsafe`
      INSERT INTO nex.artworks (account_id, title, category_id, status, published_at, search_title, search_text, created_at)
      SELECT ${other.id}, ${word} || ' ' || g, (SELECT id FROM nex.categories WHERE slug = 'landscape'), 'published',
             now() - g * interval '1 second', ${word} || ' ' || g, ${word} || ' ' || g, now() - g * interval '1 second'
      FROM generate_series(1, ${CANDIDATES + 5}) g
    `);
    for (const sort of ['relevance', 'newest']) {
      const titles = await allTitles(`q=${word}&sort=${sort}`);
      expect(titles).toHaveLength(CANDIDATES);
      // The oldest five are the ones left out.
      const numbers = new Set(titles.map((title) => Number(title.split(' ')[1])));
      expect([1, CANDIDATES].every((n) => numbers.has(n))).toBe(true);
      expect([1, 2, 3, 4, 5].map((n) => numbers.has(CANDIDATES + n))).toEqual([
        false,
        false,
        false,
        false,
        false,
      ]);
    }
  });

  it('finds 「夕焼けの海」 by 「夕焼け」 and by 「海」, never a draft, anonymously', async () => {
    expect(await allTitles(`${mine}&q=${encodeURIComponent('夕焼け')}`)).toEqual(['夕焼けの海']);
    expect((await allTitles(`${mine}&q=${encodeURIComponent('海')}`)).sort()).toEqual([
      '100% 海_風',
      '夕焼けの海',
    ]);
    // Every word must match; the description and the tags are searched too.
    expect(await allTitles(`${mine}&q=${encodeURIComponent('夕焼け 水彩')}`)).toEqual(['夕焼けの海']);
    expect(await allTitles(`${mine}&q=watercolour`)).toEqual(['夕焼けの海']);
    expect(await allTitles(`q=${encodeURIComponent('夕焼け')}`)).not.toContain('夕焼けの下書き');
  });

  it('matches katakana and hiragana, full and half width, and any case', async () => {
    expect(fold('ﾄｰｷｮｰ ＴＯＫＹＯ')).toBe('とーきょー tokyo');
    expect(await allTitles(`${mine}&q=${encodeURIComponent('ときょ')}`)).toEqual([]);
    expect(await allTitles(`${mine}&q=${encodeURIComponent('とーきょー')}`)).toEqual([
      'トーキョー・ナイト Tokyo Night',
    ]);
    expect(await allTitles(`${mine}&q=${encodeURIComponent('ﾄｰｷｮｰ')}`)).toEqual([
      'トーキョー・ナイト Tokyo Night',
    ]);
    expect(await allTitles(`${mine}&q=${encodeURIComponent('ユウヤケ')}`)).toEqual(['ゆうやけ小焼け']);
    // Mixed Japanese and English in one query and one title.
    expect(await allTitles(`${mine}&q=${encodeURIComponent('ＴＯＫＹＯ ナイト')}`)).toEqual([
      'トーキョー・ナイト Tokyo Night',
    ]);
    expect(await allTitles(`${mine}&q=SUNSET`)).toEqual(['Sunset over the sea']);
  });

  it('treats % and _ in a query as themselves', async () => {
    expect(await allTitles(`${mine}&q=${encodeURIComponent('100%')}`)).toEqual(['100% 海_風']);
    expect(await allTitles(`${mine}&q=${encodeURIComponent('海_')}`)).toEqual(['100% 海_風']);
    expect(await allTitles(`${mine}&q=${encodeURIComponent('%')}`)).toEqual(['100% 海_風']);
  });

  it('ranks title matches first and pages the ranking without gaps or repeats', async () => {
    const ranked = await allTitles(`${mine}&q=${encodeURIComponent('海')}`);
    expect(ranked).toHaveLength(2);
    const paged = await allTitles(`${mine}&q=${encodeURIComponent('海')}`, 1);
    expect(paged).toEqual(ranked);
    // A title containing the query outranks a match in the description only.
    expect(await allTitles(`${mine}&q=tokyo`)).toEqual(['トーキョー・ナイト Tokyo Night', 'Night walk']);
    expect(await allTitles(`${mine}&q=tokyo`, 1)).toEqual(['トーキョー・ナイト Tokyo Night', 'Night walk']);
  });

  it('filters by category with its descendants, tag, price, free and creator', async () => {
    expect((await allTitles(`${mine}&category=illustration`)).sort()).toEqual([
      'トーキョー・ナイト Tokyo Night',
      '夕焼けの海',
    ]);
    expect(await allTitles(`${mine}&category=music`)).toEqual(['ゆうやけ小焼け']);
    expect(await allTitles(`${mine}&tag=${encodeURIComponent('ＷＡＴＥＲＣＯＬＯＵＲ')}`)).toEqual([
      '夕焼けの海',
    ]);
    expect((await allTitles(`${mine}&pricing=paid`)).sort()).toEqual([
      'Sunset over the sea',
      'トーキョー・ナイト Tokyo Night',
    ]);
    expect(await allTitles(`${mine}&minPrice=600&maxPrice=5000`)).toEqual(['Sunset over the sea']);
    expect(await allTitles(`${mine}&pricing=free&q=${encodeURIComponent('夕焼け')}`)).toEqual(['夕焼けの海']);
  });

  it('sorts newest first, most liked and most viewed, each paged by keyset', async () => {
    const newest = await allTitles(mine);
    expect(newest[0]).toBe('100% 海_風');
    expect(await allTitles(mine, 2)).toEqual(newest);
    const fans = [await joinedCreator(app), await joinedCreator(app)];
    const sunset = (await search(`${mine}&q=sunset`)).data[0]?.id;
    const tokyo = (await search(`${mine}&q=tokyo`)).data[0]?.id;
    for (const fan of fans)
      await as(app, fan.accessToken, { method: 'PUT', url: `/v1/nex/artworks/${sunset}/like` });
    await as(app, fans[0]?.accessToken ?? '', { method: 'PUT', url: `/v1/nex/artworks/${tokyo}/like` });
    const liked = await allTitles(`${mine}&sort=most_liked`, 2);
    expect(liked.slice(0, 2)).toEqual(['Sunset over the sea', 'トーキョー・ナイト Tokyo Night']);
    expect(liked).toHaveLength(newest.length);
    expect(await allTitles(`${mine}&sort=most_viewed`, 2)).toHaveLength(newest.length);
  });

  it('lists the caller’s drafts to the caller only, and refuses bad sorts and cursors', async () => {
    const drafts = await as(app, creator.accessToken, {
      method: 'GET',
      url: '/v1/nex/artworks?status=draft',
    });
    expect(drafts.json().data.map((a: { title: string }) => a.title)).toEqual(['夕焼けの下書き']);
    expect(
      (await as(app, other.accessToken, { method: 'GET', url: '/v1/nex/artworks?status=draft' })).json().data,
    ).toEqual([]);
    expect((await search('status=draft')).data).toEqual([]);
    expectProblem(
      await app.inject({ method: 'GET', url: '/v1/nex/artworks?sort=relevance' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await app.inject({ method: 'GET', url: '/v1/nex/artworks?q=%20%20' }),
      400,
      'validation_failed',
    );
    const page = await search(`${mine}&limit=1`);
    expectProblem(
      await app.inject({
        method: 'GET',
        url: `/v1/nex/artworks?${mine}&sort=most_liked&cursor=${page.nextCursor}`,
      }),
      400,
      'invalid_cursor',
    );
    const forged = Buffer.from(
      JSON.stringify([
        'nex-artworks-published-most_liked',
        '2026-11-30T09:00:00.000Z',
        '00000000-0000-4000-8000-000000000000',
        'x1',
      ]),
    ).toString('base64url');
    expectProblem(
      await app.inject({ method: 'GET', url: `/v1/nex/artworks?sort=most_liked&cursor=${forged}` }),
      400,
      'invalid_cursor',
    );
  });
});
