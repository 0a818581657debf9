import { invalid } from '../errors.js';

/**
 * Tokens of MLflow's search language. A double-quoted token is a string here; whether it is a key
 * (`"val loss" > 1`) or a value (`= "gpt2"`) depends on where it stands, so the parser decides.
 */
export type TokenType = 'word' | 'backtick' | 'string' | 'number' | 'op' | '(' | ')' | ',' | '.' | 'end';

export interface Token {
  type: TokenType;
  /** Decoded: quotes removed from strings and backticked names, doubled quotes undone. */
  value: string;
  /** Offset in the source (0-based, UTF-16 units); messages show start + 1 as the column. */
  start: number;
  end: number;
  quote?: "'" | '"';
}

// Unquoted names: MLflow keys are letters, digits, _ - . / and spaces; spaces need quoting.
const WORD = /[A-Za-z_][\w.\-/]*/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const OPERATOR = /[=!<>]+/y;
const SPACE = /\s+/y;

function match(pattern: RegExp, source: string, at: number): string | null {
  pattern.lastIndex = at;
  return pattern.exec(source)?.[0] ?? null;
}

/** User text cut to a length fit for a message. */
export const shorten = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max)}…` : text);

const excerpt = (text: string, max: number): string => JSON.stringify(shorten(text, max));

export function tokenize(source: string, label = ''): Tokens {
  const tokens: Token[] = [];
  const fail = (message: string, at: number): never => {
    throw invalid(`${label}${message} at column ${at + 1}`);
  };
  // PostgreSQL cannot hold NUL in text, so no value could match one; reject it before it reaches SQL.
  const nul = source.indexOf('\u0000');
  if (nul >= 0) fail('NUL characters are not allowed', nul);
  let i = 0;
  while (i < source.length) {
    const space = match(SPACE, source, i);
    if (space) {
      i += space.length;
      continue;
    }
    const c = source[i]!;
    const number = /[\d.+-]/.test(c) ? match(NUMBER, source, i) : null;
    if (number) {
      // "1abc" or "2e" is a typo, not a number followed by a name.
      if (/[\w.]/.test(source[i + number.length] ?? '')) fail('invalid number', i);
      tokens.push({ type: 'number', value: number, start: i, end: i + number.length });
      i += number.length;
    } else if (c === "'" || c === '"' || c === '`') {
      i = readQuoted(source, i, tokens, fail);
    } else if (/[A-Za-z_]/.test(c)) {
      const word = match(WORD, source, i)!;
      tokens.push({ type: 'word', value: word, start: i, end: i + word.length });
      i += word.length;
    } else if (/[=!<>]/.test(c)) {
      const op = match(OPERATOR, source, i)!;
      tokens.push({ type: 'op', value: op, start: i, end: i + op.length });
      i += op.length;
    } else if (c === '(' || c === ')' || c === ',' || c === '.') {
      tokens.push({ type: c, value: c, start: i, end: i + 1 });
      i += 1;
    } else {
      fail(`unexpected character ${JSON.stringify(String.fromCodePoint(source.codePointAt(i)!))}`, i);
    }
  }
  tokens.push({ type: 'end', value: '', start: source.length, end: source.length });
  return new Tokens(source, tokens, label);
}

/**
 * Strings take '...' or "..."; a doubled quote stands for one (MLflow keeps both, a quirk). Backslashes
 * are ordinary characters, as in MLflow. Backticks quote names and have no escape.
 */
function readQuoted(source: string, start: number, tokens: Token[], fail: (m: string, at: number) => never): number {
  const quote = source[start]!;
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = source.indexOf(quote, i);
    if (close < 0) fail(`unterminated ${quote === '`' ? 'backticked name' : 'string'} starting`, start);
    value += source.slice(i, close);
    if (quote !== '`' && source[close + 1] === quote) {
      value += quote;
      i = close + 2;
      continue;
    }
    i = close + 1;
    break;
  }
  if (quote === '`') tokens.push({ type: 'backtick', value, start, end: i });
  else tokens.push({ type: 'string', value, start, end: i, quote: quote as "'" | '"' });
  return i;
}

/** A cursor over the tokens, with errors that name the column and what was found there. */
export class Tokens {
  private index = 0;
  constructor(
    readonly source: string,
    private readonly tokens: Token[],
    private readonly label: string,
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index += 1;
    return token;
  }

  /** True when the next token is the keyword `word` (any case). */
  atKeyword(word: string): boolean {
    const token = this.peek();
    return token.type === 'word' && token.value.toUpperCase() === word;
  }

  /** The source text from `from` up to the last token read, for "after <clause>" in messages. */
  textSince(from: Token): string {
    const last = this.tokens[Math.max(this.index - 1, 0)]!;
    return this.source.slice(from.start, Math.max(last.end, from.end));
  }

  /** "expected X at column N, found Y (hint)" */
  fail(expected: string, at: Token = this.peek(), hint?: string): never {
    const found = at.type === 'end' ? '' : `, found ${excerpt(this.source.slice(at.start, at.end), 30)}`;
    throw invalid(`${this.label}${expected} at column ${at.start + 1}${found}${hint ? ` (${hint})` : ''}`);
  }

  /** "<problem with the token> at column N (hint)" */
  reject(problem: string, at: Token, hint?: string): never {
    throw invalid(`${this.label}${problem} at column ${at.start + 1}${hint ? ` (${hint})` : ''}`);
  }
}
