/** The category tree (docs/products/nex.md, Categories): reference data, changed by migration only. */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named } from '../schema.ts';

const categoryExample = { slug: 'landscape', name: '風景画', parent: 'illustration', sortOrder: 2 };

export const Category = named(
  'NexCategory',
  Type.Object({
    slug: Type.String({ description: "The category's key, used by artworks and filters." }),
    name: Type.String({ description: 'Its name, in Japanese.' }),
    parent: Type.Union([Type.String(), Type.Null()], { description: "The parent's slug; null at the top." }),
    sortOrder: Type.Integer({ description: 'Position among its siblings.' }),
  }),
  { description: 'One category of the tree.', example: categoryExample },
);

export const CategoryList = named(
  'NexCategoryList',
  Type.Object({
    data: Type.Array(Category, { description: 'Every category, parents before their children.' }),
  }),
  { description: 'The whole category tree.', example: { data: [categoryExample] } },
);

export const list = defineOperation({
  operationId: 'nex.categories.list',
  method: 'GET',
  path: '/v1/nex/categories',
  tag: 'nex',
  summary: 'List the category tree',
  description:
    'The whole tree in one response (it is small). Filtering artworks by a category includes its descendants.',
  auth: 'optional',
  success: { status: 200, description: 'The categories.', schema: CategoryList },
});
