/** Money in the API: integer minor units with an ISO 4217 currency (docs/products/nex.md, Money). */
import Type from 'typebox';

/** The largest amount one payment, order or withdrawal may carry (10^11 minor units). */
export const MAX_AMOUNT = 100_000_000_000;

export const Amount = (description: string) =>
  Type.Integer({
    minimum: 0,
    maximum: MAX_AMOUNT,
    description: `${description} In minor units of \`currency\` (yen for JPY, cents for USD).`,
  });

export const SignedAmount = (description: string) =>
  Type.Integer({
    minimum: -MAX_AMOUNT,
    maximum: MAX_AMOUNT,
    description: `${description} In minor units of \`currency\`; negative is money leaving the book.`,
  });

export const Currency = Type.String({
  pattern: '^[A-Z]{3}$',
  description: 'ISO 4217 currency code, upper case.',
  examples: ['JPY'],
});
