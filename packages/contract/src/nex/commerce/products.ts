/**
 * Shop products (docs/products/nex.md, Shop): digital (a file the buyer may read once paid) or
 * physical (stock, weight, dimensions, shipping). Listed products are public; the seller's others
 * are visible to the seller only.
 */
import Type from 'typebox';
import { defineOperation } from '../../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../../schema.ts';
import { Username } from '../creators.ts';
import { Currency } from './money.ts';

export const ProductStatus = StringEnum(['active', 'inactive', 'out_of_stock', 'discontinued'], {
  description:
    '`active`: for sale; `inactive`: hidden by the seller; `out_of_stock`: set automatically when the stock reaches 0 (and back to `active` when it returns); `discontinued`: no longer sold.',
});

const Price = Type.Integer({
  minimum: 1,
  maximum: 100_000_000,
  description: 'The unit price in minor units of `currency`, tax included.',
});
const Stock = Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Units left to sell.' });
const Dimensions = Type.Object(
  {
    lengthMm: Type.Integer({ minimum: 1, maximum: 10_000, description: 'Length in millimetres.' }),
    widthMm: Type.Integer({ minimum: 1, maximum: 10_000, description: 'Width in millimetres.' }),
    heightMm: Type.Integer({ minimum: 1, maximum: 10_000, description: 'Height in millimetres.' }),
  },
  { additionalProperties: false, description: 'Package dimensions.' },
);
const Name = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '\\S',
  description: "The product's name.",
});
const Description = Type.String({ maxLength: 5000, description: 'A description.' });
const Category = Type.String({
  pattern: '^[a-z][a-z0-9_-]{0,39}$',
  description: 'A shop category slug, e.g. `prints`, `digital-art`, `goods`.',
});
const WeightGrams = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description: 'Weight in grams (physical).',
});
const ShippingAmount = Type.Integer({
  minimum: 0,
  maximum: 10_000_000,
  description: 'Shipping charged per order line of this product, in minor units (physical).',
});
const ShippingInfo = Type.String({ maxLength: 1000, description: 'How and when it ships.' });

const productExample = {
  id: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f',
  sellerUsername: 'yuki_draws',
  artworkId: '6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d',
  name: '夕焼けの海 (high-resolution PNG)',
  description: 'The full-size file of the artwork.',
  category: 'digital-art',
  kind: 'digital' as const,
  fileId: '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b',
  priceAmount: 1500,
  currency: 'JPY',
  stock: null,
  status: 'active' as const,
  weightGrams: null,
  dimensions: null,
  shippingAmount: 0,
  shippingInfo: null,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
};

export const Product = named(
  'NexProduct',
  Type.Object({
    id: Id("The product's id."),
    sellerUsername: Username,
    artworkId: Type.Union([Id('The artwork it is made from.'), Type.Null()], {
      description: 'The artwork it is made from, if any.',
    }),
    name: Name,
    description: Description,
    category: Category,
    kind: StringEnum(['digital', 'physical'], {
      description: '`digital`: a file, unlimited stock; `physical`: shipped, counted stock.',
    }),
    fileId: Type.Union([Id('The file sold.'), Type.Null()], {
      description:
        'The file a buyer may download once paid (digital). Shown to the seller only; null to others.',
    }),
    priceAmount: Price,
    currency: Currency,
    stock: Type.Union([Stock, Type.Null()], { description: 'Units left; null for unlimited (digital).' }),
    status: ProductStatus,
    weightGrams: Type.Union([WeightGrams, Type.Null()], {
      description: 'Weight in grams; null for digital.',
    }),
    dimensions: Type.Union([Dimensions, Type.Null()], {
      description: 'Package dimensions; null for digital.',
    }),
    shippingAmount: ShippingAmount,
    shippingInfo: Type.Union([ShippingInfo, Type.Null()], { description: 'How and when it ships.' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  {
    description: 'A product. Public while `active` or `out_of_stock`; otherwise only its seller sees it.',
    example: productExample,
  },
);

export const ProductList = Page('NexProductList', Product, productExample);

export const CreateProductRequest = named(
  'NexCreateProductRequest',
  Type.Object(
    {
      name: Name,
      description: Type.Optional(Description),
      category: Category,
      kind: StringEnum(['digital', 'physical'], {
        description: 'Digital (needs `fileId`) or physical (needs `stock`).',
      }),
      artworkId: Type.Optional(Id('An artwork of the seller it is made from.')),
      fileId: Type.Optional(
        Id('For a digital product: a file of the seller, shared with each buyer once paid.'),
      ),
      priceAmount: Price,
      currency: Type.Optional({ ...Currency, default: 'JPY' }),
      stock: Type.Optional(Stock),
      weightGrams: Type.Optional(WeightGrams),
      dimensions: Type.Optional(Dimensions),
      shippingAmount: Type.Optional(ShippingAmount),
      shippingInfo: Type.Optional(ShippingInfo),
    },
    { additionalProperties: false },
  ),
  {
    description:
      'A new product, `active` at once. Digital: `fileId`, no stock or shipping fields. Physical: `stock`, no `fileId`.',
    example: {
      name: '夕焼けの海 (high-resolution PNG)',
      description: 'The full-size file of the artwork.',
      category: 'digital-art',
      kind: 'digital',
      fileId: productExample.fileId,
      priceAmount: 1500,
    },
  },
);

export const UpdateProductRequest = named(
  'NexUpdateProductRequest',
  Type.Object(
    {
      name: Type.Optional(Name),
      description: Type.Optional(Description),
      category: Type.Optional(Category),
      priceAmount: Type.Optional(Price),
      stock: Type.Optional(Stock),
      status: Type.Optional(
        StringEnum(['active', 'inactive', 'discontinued'], {
          description: '`out_of_stock` is not set by hand: it follows the stock.',
        }),
      ),
      shippingAmount: Type.Optional(ShippingAmount),
      shippingInfo: Type.Optional(ShippingInfo),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  {
    description:
      'The fields to change. A new price applies to later orders only (orders keep the price they captured).',
    example: { priceAmount: 1800, status: 'active' },
  },
);

const Params = IdParams('product', productExample.id);

export const create = defineOperation({
  operationId: 'nex.products.create',
  method: 'POST',
  path: '/v1/nex/products',
  tag: 'nex',
  summary: 'List a product for sale',
  description:
    "The caller must have joined nex (409). The file and the artwork must be the caller's (404 otherwise). A digital product without `fileId`, or a physical one without `stock`, is 400.",
  auth: { scope: 'nex:write' },
  body: CreateProductRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The product, active.', schema: Product },
  errors: [404, 409],
});

export const list = defineOperation({
  operationId: 'nex.products.list',
  method: 'GET',
  path: '/v1/nex/products',
  tag: 'nex',
  summary: 'List products, newest first',
  description:
    "Listed products (`active`, `out_of_stock`) of everyone, or with `seller=<username>` one creator's; the seller also sees its own inactive and discontinued ones.",
  auth: { scope: 'nex:read', optional: true },
  query: PageQuery({
    seller: Type.Optional({ ...Username, description: "Only this creator's products." }),
  }),
  success: { status: 200, description: 'A page of products.', schema: ProductList },
});

export const get = defineOperation({
  operationId: 'nex.products.get',
  method: 'GET',
  path: '/v1/nex/products/{id}',
  tag: 'nex',
  summary: 'Get a product',
  description: "A listed product, or one of the caller's; anything else is 404.",
  auth: { scope: 'nex:read', optional: true },
  params: Params,
  success: { status: 200, description: 'The product.', schema: Product },
});

export const update = defineOperation({
  operationId: 'nex.products.update',
  method: 'PATCH',
  path: '/v1/nex/products/{id}',
  tag: 'nex',
  summary: 'Change a product',
  description:
    'Only its seller (404 for others). Stock of a digital product is 400. Setting the stock to 0 makes an active product `out_of_stock`.',
  auth: { scope: 'nex:write' },
  params: Params,
  body: UpdateProductRequest,
  audited: true,
  success: { status: 200, description: 'The product.', schema: Product },
});
