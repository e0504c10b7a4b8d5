/**
 * The size of a sticker's prompt in tokens, the unit a hosted model bills
 * by: `usage.totalTokens` (docs/products/stickers.md). Counted with
 * gpt-tokenizer's o200k_base encoding, the one of OpenAI's current models;
 * another provider's tokenizer would count a little differently, and the
 * built-in renderer reads no tokens at all, so the figure is the prompt's
 * size, not a bill.
 */
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

export function promptTokens(prompt: string): number {
  return countTokens(prompt);
}
