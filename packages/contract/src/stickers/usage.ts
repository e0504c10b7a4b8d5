/**
 * Daily usage statistics (docs/products/stickers.md): one row per account and UTC
 * day, updated atomically as requests are served and jobs finish.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named, Page, PageQuery } from '../schema.ts';

const CalendarDate = (description: string, example?: string) =>
  Type.String({ format: 'date', description, ...(example ? { examples: [example] } : {}) });

const usageDayExample = {
  date: '2026-11-23',
  imageCount: 7,
  totalTokens: 0,
  successCount: 7,
  failureCount: 1,
  cacheHitCount: 3,
};

export const StickerUsageDay = named(
  'StickerUsageDay',
  Type.Object({
    date: CalendarDate('The UTC day the requests were made.'),
    imageCount: Type.Integer({ minimum: 0, description: 'Images rendered; each spent one image of quota.' }),
    totalTokens: Type.Integer({
      minimum: 0,
      description: 'Model tokens used; always 0 with the built-in procedural renderer.',
    }),
    successCount: Type.Integer({ minimum: 0, description: 'Render jobs that succeeded.' }),
    failureCount: Type.Integer({
      minimum: 0,
      description: 'Render jobs that failed or were canceled (refunded).',
    }),
    cacheHitCount: Type.Integer({ minimum: 0, description: 'Requests served from the prompt cache, free.' }),
  }),
  { description: "One UTC day of the account's sticker usage.", example: usageDayExample },
);

export const StickerUsageDayList = Page('StickerUsageDayList', StickerUsageDay, usageDayExample);

export const list = defineOperation({
  operationId: 'stickers.usage.list',
  method: 'GET',
  path: '/v1/stickers/usage',
  tag: 'stickers',
  summary: 'List daily sticker usage, newest day first',
  description: 'Only days with activity are listed. `from` and `to` are UTC days, both included.',
  auth: { scope: 'stickers:read' },
  query: PageQuery({
    from: Type.Optional(CalendarDate('The first day to list.', '2026-11-01')),
    to: Type.Optional(CalendarDate('The last day to list.', '2026-11-30')),
  }),
  success: { status: 200, description: 'A page of days.', schema: StickerUsageDayList },
});
