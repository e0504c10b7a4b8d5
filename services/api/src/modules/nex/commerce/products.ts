/** Shop products (docs/products/nex.md, Shop). */
import type { nex } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound, validationFailed } from '../../../kernel/errors.ts';
import type { FileStore } from '../../../kernel/files/index.ts';
import { paginate } from '../../../kernel/pagination.ts';
import { findOwnArtworkFields } from '../artwork-queries.ts';
import { findCreatorOf } from '../creator-queries.ts';
import { findProduct, insertProduct, listProducts, updateProduct } from './shop-queries.ts';

type CreateBody = Static<typeof nex.commerce.products.CreateProductRequest>;
type UpdateBody = Static<typeof nex.commerce.products.UpdateProductRequest>;

export async function createProduct(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  body: CreateBody,
) {
  if (!(await findCreatorOf(db, accountId))) {
    throw new DomainError('conflict', 'Join nex first (POST /v1/nex/creators).');
  }
  const digital = body.kind === 'digital';
  if (digital) {
    if (!body.fileId) throw validationFailed('/body/fileId', 'is required for a digital product');
    for (const field of ['stock', 'weightGrams', 'dimensions', 'shippingAmount'] as const) {
      if (body[field] !== undefined)
        throw validationFailed(`/body/${field}`, 'is for physical products only');
    }
  } else {
    if (body.stock === undefined) throw validationFailed('/body/stock', 'is required for a physical product');
    if (body.fileId !== undefined) throw validationFailed('/body/fileId', 'is for digital products only');
  }
  if (body.fileId && !(await files.findOwn(db, accountId, body.fileId))) throw notFound('file');
  if (body.artworkId) {
    if (!(await findOwnArtworkFields(db, accountId, body.artworkId))) throw notFound('artwork');
  }
  const id = await insertProduct(db, accountId, {
    name: body.name,
    description: body.description ?? '',
    category: body.category,
    kind: body.kind,
    artworkId: body.artworkId ?? null,
    fileId: body.fileId ?? null,
    priceAmount: body.priceAmount,
    currency: body.currency ?? 'JPY',
    stock: digital ? null : (body.stock ?? 0),
    weightGrams: body.weightGrams ?? null,
    dimensionsMm: body.dimensions
      ? [body.dimensions.lengthMm, body.dimensions.widthMm, body.dimensions.heightMm]
      : null,
    shippingAmount: body.shippingAmount ?? 0,
    shippingInfo: body.shippingInfo ?? null,
  });
  return getProduct(db, id);
}

export async function getProduct(db: DatabaseTransactionConnection, id: string) {
  const product = await findProduct(db, id);
  if (!product) throw notFound('product');
  return product;
}

export function listProductsPage(
  db: DatabaseTransactionConnection,
  query: { seller?: string; limit?: number; cursor?: string },
) {
  return paginate(`nex-products-${query.seller ?? ''}`, query, (after, take) =>
    listProducts(db, query.seller, after, take),
  );
}

export async function changeProduct(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  body: UpdateBody,
) {
  const before = await findProduct(db, id);
  if (!before) throw notFound('product');
  if (body.stock !== undefined && before.kind === 'digital') {
    throw validationFailed('/body/stock', 'a digital product has unlimited stock');
  }
  if (body.shippingAmount !== undefined && before.kind === 'digital') {
    throw validationFailed('/body/shippingAmount', 'is for physical products only');
  }
  if (!(await updateProduct(db, accountId, id, body))) throw notFound('product');
  return { before, after: await getProduct(db, id) };
}
