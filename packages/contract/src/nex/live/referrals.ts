/**
 * Referral codes (docs/products/nex.md, Referrals): a shareable code for a user, an artwork or an
 * event, with a QR code; `GET /r/{code}` counts the visit and redirects; purchases through a code
 * credit the referrer a commission once paid.
 */
import Type from 'typebox';
import { defineOperation } from '../../operation.ts';
import { Binary, Id, named, Page, PageQuery, StringEnum, Timestamp } from '../../schema.ts';

export const ReferralType = StringEnum(['user', 'artwork', 'event'], {
  description:
    '`user`: the referrer (an invitation); `artwork`: a published artwork; `event`: a public event.',
});
export const ReferralStatus = StringEnum(['active', 'paused', 'expired'], {
  description: '`active` counts visits and conversions; `paused` by its owner; `expired` past `expiresAt`.',
});

export const ReferralCode = Type.String({
  minLength: 4,
  maxLength: 32,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'The code: 4 to 32 letters, digits, `_` or `-`; case-sensitive.',
  examples: ['yuki-sunset'],
});
const Colour = Type.String({
  pattern: '^#[0-9a-fA-F]{6}$',
  description: 'A colour, `#rrggbb`.',
  examples: ['#1a1a2e'],
});
const QrSize = Type.Integer({
  minimum: 64,
  maximum: 1024,
  description: 'The QR image’s width and height in pixels.',
});
const CommissionBasisPoints = Type.Integer({
  minimum: 0,
  maximum: 5000,
  description:
    'The commission in basis points of each converted payment (500 = 5 %, the default). The platform pays it out of its 10 % fee, so at most 10 % is credited whatever the rate.',
});

const referralExample = {
  id: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
  code: 'yuki-sunset',
  referralType: 'event' as const,
  referenceId: '3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c',
  commissionBasisPoints: 500,
  status: 'active' as const,
  expiresAt: '2027-01-31T15:00:00.000Z',
  qrDarkColor: '#1a1a2e',
  qrLightColor: '#ffffff',
  qrSize: 256,
  clickCount: 120,
  scanCount: 35,
  conversionCount: 4,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
};

export const Referral = named(
  'NexReferral',
  Type.Object({
    id: Id("The referral code's id."),
    code: ReferralCode,
    referralType: ReferralType,
    referenceId: Id('The artwork or event; for `user`, the referrer’s account id.'),
    commissionBasisPoints: CommissionBasisPoints,
    status: ReferralStatus,
    expiresAt: Type.Union([Timestamp, Type.Null()], { description: 'It stops counting then; null: never.' }),
    qrDarkColor: Colour,
    qrLightColor: Colour,
    qrSize: QrSize,
    clickCount: Type.Integer({ minimum: 0, description: 'Visits of `/r/{code}` by a link.' }),
    scanCount: Type.Integer({
      minimum: 0,
      description: 'Visits of `/r/{code}` from the QR code (`?src=qr`).',
    }),
    conversionCount: Type.Integer({
      minimum: 0,
      description: 'Creators who joined nex and paid purchases through the code.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: 'A referral code, as its owner sees it.', example: referralExample },
);
export const ReferralList = Page('NexReferralList', Referral, referralExample);

export const CreateReferralRequest = named(
  'NexCreateReferralRequest',
  Type.Object(
    {
      referralType: ReferralType,
      referenceId: Type.Optional(Id('The artwork or event (required for those types; left out for `user`).')),
      code: Type.Optional({
        ...ReferralCode,
        description: 'A code of your choosing; a random one when left out.',
      }),
      commissionBasisPoints: Type.Optional(CommissionBasisPoints),
      expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it stops counting.' })),
      qrDarkColor: Type.Optional(Colour),
      qrLightColor: Type.Optional(Colour),
      qrSize: Type.Optional(QrSize),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A new referral code.',
    example: {
      referralType: 'event',
      referenceId: referralExample.referenceId,
      code: 'yuki-sunset',
      qrDarkColor: '#1a1a2e',
    },
  },
);

export const UpdateReferralRequest = named(
  'NexUpdateReferralRequest',
  Type.Object(
    {
      status: Type.Optional(StringEnum(['active', 'paused'], { description: 'Pause or resume the code.' })),
      expiresAt: Type.Optional(
        Type.Union([Timestamp, Type.Null()], { description: 'New expiry; null: never.' }),
      ),
      qrDarkColor: Type.Optional(Colour),
      qrLightColor: Type.Optional(Colour),
      qrSize: Type.Optional(QrSize),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  { description: 'Changes to a referral code.', example: { status: 'paused' } },
);

const CodeParams = Type.Object(
  { code: { ...ReferralCode, description: 'The referral code.' } },
  { additionalProperties: false },
);

export const create = defineOperation({
  operationId: 'nex.referrals.create',
  method: 'POST',
  path: '/v1/nex/referrals',
  tag: 'nex',
  summary: 'Create a referral code',
  description:
    'The caller must have joined nex (409). An artwork must be published, an event public (400 otherwise); a code already taken is 409.',
  auth: { scope: 'nex:write' },
  body: CreateReferralRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The code.', schema: Referral },
  errors: [409],
});

export const list = defineOperation({
  operationId: 'nex.referrals.list',
  method: 'GET',
  path: '/v1/nex/referrals',
  tag: 'nex',
  summary: 'List your referral codes, newest first',
  description: 'The caller’s own codes with their counts.',
  auth: { scope: 'nex:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of codes.', schema: ReferralList },
});

export const get = defineOperation({
  operationId: 'nex.referrals.get',
  method: 'GET',
  path: '/v1/nex/referrals/{code}',
  tag: 'nex',
  summary: 'Get one of your referral codes',
  description: 'Only its owner (404 for anyone else).',
  auth: { scope: 'nex:read' },
  params: CodeParams,
  success: { status: 200, description: 'The code.', schema: Referral },
});

export const update = defineOperation({
  operationId: 'nex.referrals.update',
  method: 'PATCH',
  path: '/v1/nex/referrals/{code}',
  tag: 'nex',
  summary: 'Change a referral code',
  description: 'Only its owner (404 for anyone else).',
  auth: { scope: 'nex:write' },
  params: CodeParams,
  body: UpdateReferralRequest,
  audited: true,
  success: { status: 200, description: 'The code.', schema: Referral },
});

export const qr = defineOperation({
  operationId: 'nex.referrals.qr',
  method: 'GET',
  path: '/v1/nex/referrals/{code}/qr',
  tag: 'nex',
  summary: 'The QR code of a referral code',
  description:
    'Anyone may fetch it: a QR code (error correction M) of this server’s `/r/{code}?src=qr` in the code’s colours and size, as SVG (default) or PNG (`format=png`). The host in the URL is the one this request was sent to.',
  auth: 'public',
  params: CodeParams,
  query: Type.Object(
    {
      format: Type.Optional(
        StringEnum(['svg', 'png'], { description: 'The image format (default `svg`).', examples: ['png'] }),
      ),
    },
    { additionalProperties: false },
  ),
  success: {
    status: 200,
    description: 'The QR image.',
    schema: Binary,
    contentTypes: ['image/svg+xml', 'image/png'],
  },
});

export const visit = defineOperation({
  operationId: 'nex.referrals.visit',
  method: 'GET',
  path: '/r/{code}',
  tag: 'nex',
  summary: 'Follow a referral link',
  description:
    'Counts a visit of an active code (a click, or a scan with `src=qr`: user agent, referer, a device type guessed from the user agent, a keyed hash of the visitor’s network — never the address; no country, as no GeoIP database ships) and answers 302 to what it refers to, with the code in `ref`. An unknown, paused or expired code is 404.',
  auth: 'public',
  params: CodeParams,
  query: Type.Object(
    {
      src: Type.Optional(
        StringEnum(['link', 'qr'], {
          description: '`qr` when reached through the QR code.',
          examples: ['qr'],
        }),
      ),
    },
    { additionalProperties: false },
  ),
  success: { status: 302, description: 'To the referred resource.', headers: ['Location'] },
});

const conversionExample = {
  id: '6c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e2f',
  kind: 'purchase' as const,
  referenceType: 'ticket_order',
  valueAmount: 6000,
  commissionAmount: 300,
  currency: 'JPY',
  createdAt: '2026-11-30T09:20:00.000Z',
};

export const ReferralConversion = named(
  'NexReferralConversion',
  Type.Object({
    id: Id("The conversion's id."),
    kind: StringEnum(['signup', 'purchase'], {
      description: '`signup`: someone joined nex through the code; `purchase`: a paid purchase through it.',
    }),
    referenceType: Type.String({
      description: 'What converted: `creator` (a signup), `ticket_order` or `order` (a purchase).',
    }),
    valueAmount: Type.Integer({
      minimum: 0,
      description: 'The purchase’s amount in minor units of `currency` (0 for a signup).',
    }),
    commissionAmount: Type.Integer({
      minimum: 0,
      description:
        'The commission credited to the referrer’s `available` balance (a `commission` ledger transaction).',
    }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code.' }),
    createdAt: Timestamp,
  }),
  {
    description:
      'One conversion through a referral code, as its referrer sees it: never who converted, only what and for how much.',
    example: conversionExample,
  },
);
export const ReferralConversionList = Page(
  'NexReferralConversionList',
  ReferralConversion,
  conversionExample,
);

export const listConversions = defineOperation({
  operationId: 'nex.referrals.conversions.list',
  method: 'GET',
  path: '/v1/nex/referrals/{code}/conversions',
  tag: 'nex',
  summary: 'List the conversions of one of your referral codes, newest first',
  description:
    'Only the code’s owner (404 for anyone else): each signup and paid purchase through the code, once each, with the commission it earned.',
  auth: { scope: 'nex:read' },
  params: CodeParams,
  query: PageQuery(),
  success: { status: 200, description: 'A page of conversions.', schema: ReferralConversionList },
});
