import { invalid } from '../errors.js';
import type { Field, SearchTarget } from './fields.js';
import { readField } from './parse.js';
import { shorten, tokenize } from './tokenize.js';

export interface OrderItem {
  field: Field;
  descending: boolean;
}

// Each entry costs a join; an entry is one key and a direction.
export const ORDER_BY_LIMITS = { maxEntries: 20, maxEntryLength: 1000 } as const;

/**
 * MLflow's order_by list: ["metrics.rmse DESC", "params.lr", "attributes.start_time ASC",
 * "metrics.`val loss` desc"]. The direction defaults to ASC and is case-insensitive. Errors name the
 * entry: orderBy[1] "metrics.rmse DOWN": expected ASC or DESC after metrics.rmse at column 14.
 */
export function parseOrderBy(entries: readonly string[] | null | undefined, target: SearchTarget = 'runs'): OrderItem[] {
  if (entries == null) return [];
  if (!Array.isArray(entries)) throw invalid('orderBy must be a list of strings');
  if (entries.length > ORDER_BY_LIMITS.maxEntries) {
    throw invalid(`orderBy has ${entries.length} entries; the limit is ${ORDER_BY_LIMITS.maxEntries}`);
  }
  return entries.map((entry, i) => {
    if (typeof entry !== 'string') throw invalid(`orderBy[${i}] must be a string`);
    const label = `orderBy[${i}] ${JSON.stringify(shorten(entry))}: `;
    if (entry.length > ORDER_BY_LIMITS.maxEntryLength) {
      throw invalid(`${label}is ${entry.length} characters long; the limit is ${ORDER_BY_LIMITS.maxEntryLength}`);
    }
    const tokens = tokenize(entry, label);
    const start = tokens.peek();
    const field = readField(tokens, target);
    const after = shorten(tokens.textSince(start));
    let descending = false;
    if (tokens.atKeyword('ASC') || tokens.atKeyword('DESC')) descending = tokens.next().value.toUpperCase() === 'DESC';
    else if (tokens.peek().type !== 'end') tokens.fail(`expected ASC or DESC after ${after}`);
    if (tokens.peek().type !== 'end') tokens.fail(`expected the end of the entry after ${shorten(tokens.textSince(start))}`);
    return { field, descending };
  });
}
