/**
 * MLflow's filter language (`metrics.acc > 0.9 and params.model = 'gpt2'`) parsed to a typed tree, plus
 * what MLflow users have long asked for: OR, parentheses and NOT, with the usual precedence
 * (NOT binds tighter than AND, AND tighter than OR).
 *
 * Why a hand-written tokenizer and recursive-descent parser rather than a parser library: the grammar
 * is a dozen rules, and the hard part is not parsing but the checks around it (which comparators and
 * value types each kind of key takes, MLflow's prefixes and aliases, quoted keys that may also be
 * values). A small parser keeps those checks next to the rule they belong to, produces exact
 * "expected X after Y at column N" messages without an error-translation layer, bounds recursion
 * and input size in plain sight, and adds no dependency to audit. MLflow's own approach (sqlparse,
 * then validating its SQL tokens) is what gives its famously vague messages.
 *
 * Beyond MLflow, documented: OR / parentheses / NOT; IN and NOT IN on every string field (MLflow: run_id
 * only); `experiment_id` as an experiment attribute; '' inside '...' (and "" inside "...") for a quote.
 */
import { kindOf, isPrefix, resolveField, type Field, type SearchTarget } from './fields.js';
import { invalid } from '../errors.js';
import { shorten, tokenize, type Token, type Tokens } from './tokenize.js';

export type NumberOp = '=' | '!=' | '>' | '>=' | '<' | '<=';
export type StringOp = '=' | '!=' | 'LIKE' | 'ILIKE';

export type Comparison =
  /** metrics (doubles) and time or id attributes (whole numbers) */
  | { type: 'number'; field: Field; op: NumberOp; value: number }
  | { type: 'string'; field: Field; op: StringOp; value: string }
  | { type: 'list'; field: Field; negated: boolean; values: string[] };

export type FilterNode =
  | Comparison
  | { type: 'and'; items: FilterNode[] }
  | { type: 'or'; items: FilterNode[] }
  | { type: 'not'; item: FilterNode };

/** Bounds that keep a hostile filter from costing more than a clean error. */
export const FILTER_LIMITS = { maxLength: 10_000, maxDepth: 32, maxComparisons: 200 } as const;

const NUMBER_OPS: ReadonlySet<string> = new Set(['=', '!=', '>', '>=', '<', '<=']);
const KEYWORDS: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT', 'IN', 'LIKE', 'ILIKE']);

const isQuotedName = (t: Token) => t.type === 'backtick' || (t.type === 'string' && t.quote === '"');
const adjacent = (a: Token, b: Token) => a.end === b.start;

/**
 * Reads a key: `metrics.acc`, `params.lr`, `` metrics.`val loss` ``, `tags."a b"`, `` `run name` ``,
 * `status`, `` `metrics`.`acc` ``. Shared with the order_by parser.
 */
export function readField(tokens: Tokens, target: SearchTarget): Field {
  const first = tokens.next();
  let prefix: string | null = null;
  let key: string;
  if (first.type === 'word' && !KEYWORDS.has(first.value.toUpperCase())) {
    const dot = first.value.indexOf('.');
    if (dot < 0) {
      key = first.value;
    } else {
      prefix = first.value.slice(0, dot);
      key = first.value.slice(dot + 1);
      // `metrics.` directly followed by a quoted name: metrics.`val loss`
      if (key === '' && isQuotedName(tokens.peek()) && adjacent(first, tokens.peek())) key = tokens.next().value;
    }
  } else if (isQuotedName(first)) {
    const dot = tokens.peek();
    const name = tokens.peek(1);
    if (dot.type === '.' && adjacent(first, dot) && adjacent(dot, name) && (name.type === 'word' || isQuotedName(name))) {
      tokens.next();
      prefix = first.value;
      key = tokens.next().value;
    } else {
      // As in MLflow, a quoted "metrics.val loss" splits at its first dot when that names a prefix;
      // otherwise it is an attribute name (`run name`).
      const at = first.value.indexOf('.');
      const split = at > 0 && isPrefix(first.value.slice(0, at));
      prefix = split ? first.value.slice(0, at) : null;
      key = split ? first.value.slice(at + 1) : first.value;
    }
  } else {
    return tokens.fail('expected a key such as metrics.<name>, params.<name>, tags.<name> or an attribute', first);
  }
  const field = resolveField(target, prefix, key);
  if ('problem' in field) return tokens.reject(field.problem, first, field.hint);
  return field;
}

class FilterParser {
  private depth = 0;
  private comparisons = 0;

  constructor(
    private readonly tokens: Tokens,
    private readonly target: SearchTarget,
  ) {}

  parse(): FilterNode {
    const node = this.or();
    const rest = this.tokens.peek();
    if (rest.type !== 'end') {
      this.tokens.fail('expected AND, OR or the end of the filter', rest, rest.type === ')' ? 'no "(" matches it' : undefined);
    }
    return node;
  }

  private or(): FilterNode {
    const items = [this.and()];
    while (this.tokens.atKeyword('OR')) {
      this.tokens.next();
      items.push(this.and());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  }

  private and(): FilterNode {
    const items = [this.unary()];
    while (this.tokens.atKeyword('AND')) {
      this.tokens.next();
      items.push(this.unary());
    }
    return items.length === 1 ? items[0]! : { type: 'and', items };
  }

  private unary(): FilterNode {
    if (this.tokens.atKeyword('NOT')) {
      const not = this.tokens.next();
      this.enter(not);
      const item = this.unary();
      this.depth -= 1;
      return { type: 'not', item };
    }
    if (this.tokens.peek().type === '(') {
      const open = this.tokens.next();
      this.enter(open);
      const node = this.or();
      if (this.tokens.peek().type !== ')') {
        this.tokens.fail('expected AND, OR or ")"', this.tokens.peek(), `to close the "(" at column ${open.start + 1}`);
      }
      this.tokens.next();
      this.depth -= 1;
      return node;
    }
    return this.comparison();
  }

  private enter(token: Token) {
    this.depth += 1;
    if (this.depth > FILTER_LIMITS.maxDepth) {
      this.tokens.reject(`the filter nests deeper than ${FILTER_LIMITS.maxDepth} levels of parentheses and NOT`, token);
    }
  }

  private comparison(): FilterNode {
    const start = this.tokens.peek();
    const field = readField(this.tokens, this.target);
    const after = shorten(this.tokens.textSince(start));
    if (++this.comparisons > FILTER_LIMITS.maxComparisons) {
      this.tokens.reject(`the filter has more than ${FILTER_LIMITS.maxComparisons} comparisons`, start);
    }
    const opToken = this.tokens.peek();
    const op = this.comparator(after);
    const kind = kindOf(field);
    if (kind === 'string') {
      if (!['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'].includes(op)) {
        this.tokens.fail(`expected =, !=, LIKE, ILIKE, IN or NOT IN after ${after}`, opToken, `${after} is text`);
      }
      if (op === 'IN' || op === 'NOT IN') return { type: 'list', field, negated: op === 'NOT IN', values: this.list(op) };
      const value = this.tokens.peek();
      if (value.type !== 'string') {
        this.tokens.fail(`expected a quoted string after ${after} ${op}`, value, `${after} is text; quote values with ' or "`);
      }
      this.tokens.next();
      return { type: 'string', field, op: op as StringOp, value: value.value };
    }
    if (!NUMBER_OPS.has(op)) this.tokens.fail(`expected =, !=, <, <=, > or >= after ${after}`, opToken, `${after} is numeric`);
    const value = this.tokens.peek();
    if (value.type !== 'number') {
      this.tokens.fail(`expected a number after ${after} ${op}`, value, `${after} is numeric`);
    }
    this.tokens.next();
    const number = Number(value.value);
    if (kind === 'integer' && !Number.isSafeInteger(number)) {
      this.tokens.fail(`expected a whole number after ${after} ${op}`, value, `${after} is an integer`);
    }
    return { type: 'number', field, op: op as NumberOp, value: number };
  }

  private comparator(after: string): string {
    const token = this.tokens.peek();
    if (token.type === 'op') {
      if (!NUMBER_OPS.has(token.value)) {
        this.tokens.reject(`unknown comparator "${token.value}" after ${after}`, token, 'use =, !=, <, <=, > or >=');
      }
      return this.tokens.next().value;
    }
    const word = token.type === 'word' ? token.value.toUpperCase() : '';
    if (word !== 'LIKE' && word !== 'ILIKE' && word !== 'IN' && word !== 'NOT') {
      this.tokens.fail(`expected a comparator after ${after}`, token);
    }
    this.tokens.next();
    if (word !== 'NOT') return word;
    if (!this.tokens.atKeyword('IN')) {
      this.tokens.fail(`expected IN after ${after} NOT`, this.tokens.peek(), 'to negate a comparison, write NOT before it');
    }
    this.tokens.next();
    return 'NOT IN';
  }

  private list(op: string): string[] {
    if (this.tokens.peek().type !== '(') this.tokens.fail(`expected "(" after ${op}`);
    this.tokens.next();
    const values: string[] = [];
    for (;;) {
      const value = this.tokens.peek();
      if (value.type !== 'string') this.tokens.fail(`expected a quoted string in the ${op} list`, value);
      values.push(this.tokens.next().value);
      const separator = this.tokens.next();
      if (separator.type === ')') return values;
      if (separator.type !== ',') this.tokens.fail(`expected "," or ")" in the ${op} list`, separator);
    }
  }
}

/** The filter's tree, or null for an empty filter (which matches everything, as in MLflow). */
export function parseFilter(filter: string | null | undefined, target: SearchTarget = 'runs'): FilterNode | null {
  if (filter == null) return null;
  if (typeof filter !== 'string') throw invalid('filter must be a string');
  if (filter.length > FILTER_LIMITS.maxLength) {
    throw invalid(`the filter is ${filter.length} characters long; the limit is ${FILTER_LIMITS.maxLength}`);
  }
  if (filter.trim() === '') return null;
  return new FilterParser(tokenize(filter), target).parse();
}
