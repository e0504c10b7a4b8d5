export * as artworks from './artworks.ts';
export * as categories from './categories.ts';
export * as collaborations from './collaborations.ts';
export * as comments from './comments.ts';
export * as creators from './creators.ts';
export * as fans from './fans.ts';
export * as gamification from './gamification.ts';
export * as likes from './likes.ts';
