import { pyNumberRepr, pyStrRepr } from '../python/py-repr.js';

/** A Python float (kept apart from ints because `str(1.0)` is `'1.0'`). */
export class PyFloat {
  constructor(readonly value: number) {}
  toString(): string {
    if (Number.isNaN(this.value)) return 'nan';
    if (!Number.isFinite(this.value)) return this.value > 0 ? 'inf' : '-inf';
    return pyNumberRepr(this.value).replace(/^(-?\d+)$/, '$1.0');
  }
}

/** A Python dict literal; keys may be any literal, the last duplicate wins as in Python. */
export class PyDict {
  constructor(readonly entries: ReadonlyArray<readonly [PyLiteral, PyLiteral]>) {}
}

/** What `ast.literal_eval` can return (lists, tuples and sets all become arrays; bytes become text). */
export type PyLiteral = string | number | bigint | boolean | null | PyFloat | PyDict | PyLiteral[];

class NotALiteral extends Error {}

const STRING_START = /^(?:[rRuUbB]|[bB][rR]|[rR][bB])?(?:'''|"""|'|")/;
const NUMBER =
  /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*)?\.?(?:\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?)[jJ]?/;
const NAMES: Record<string, PyLiteral> = { True: true, False: false, None: null };

/** Parses the subset of Python expressions `ast.literal_eval` accepts. */
class LiteralParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseAll(): PyLiteral {
    const value = this.value();
    this.space();
    if (this.pos !== this.text.length) throw new NotALiteral();
    return value;
  }

  private space(): void {
    while (this.pos < this.text.length && ' \t\n\r\f'.includes(this.text[this.pos]!)) this.pos++;
  }

  private peek(): string {
    this.space();
    return this.text[this.pos] ?? '';
  }

  private eat(ch: string): boolean {
    if (this.peek() !== ch) return false;
    this.pos++;
    return true;
  }

  private value(): PyLiteral {
    const ch = this.peek();
    const rest = this.text.slice(this.pos);
    if (ch === '[') return this.sequence('[', ']');
    if (ch === '(') return this.tuple();
    if (ch === '{') return this.braces();
    if (STRING_START.test(rest)) return this.strings();
    if (ch === '+' || ch === '-') {
      this.pos++;
      const n = this.number();
      if (ch === '+') return n;
      if (n instanceof PyFloat) return new PyFloat(-n.value);
      return typeof n === 'bigint' ? -n : -n;
    }
    if (/^[\d.]/.test(rest)) return this.number();
    const name = /^[A-Za-z_]\w*/.exec(rest)?.[0];
    if (name && Object.hasOwn(NAMES, name)) {
      this.pos += name.length;
      return NAMES[name]!;
    }
    if (name === 'set' && /^set\s*\(\s*\)/.test(rest)) {
      this.pos += /^set\s*\(\s*\)/.exec(rest)![0].length;
      return [];
    }
    throw new NotALiteral();
  }

  private number(): number | bigint | PyFloat {
    this.space();
    const token = NUMBER.exec(this.text.slice(this.pos))?.[0] ?? '';
    if (!/\d/.test(token) || /[jJ]$/.test(token)) throw new NotALiteral(); // complex numbers are no use as filters
    this.pos += token.length;
    const plain = token.replaceAll('_', '');
    if (/^0[xXoObB]/.test(plain)) return Number(plain.toLowerCase());
    if (/[.eE]/.test(plain)) return new PyFloat(Number(plain));
    if (/^0\d/.test(plain) && /[1-9]/.test(plain)) throw new NotALiteral(); // Python refuses leading zeros
    const big = BigInt(plain);
    return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }

  /** Adjacent literals concatenate: `'a' 'b'` is `'ab'`. */
  private strings(): string {
    let out = '';
    do {
      out += this.string();
      this.space();
    } while (STRING_START.test(this.text.slice(this.pos)));
    return out;
  }

  private string(): string {
    const head = STRING_START.exec(this.text.slice(this.pos))![0];
    const raw = /[rR]/.test(head);
    const quote = head.replace(/^[rRuUbB]+/, '');
    this.pos += head.length;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) throw new NotALiteral();
      if (this.text.startsWith(quote, this.pos)) {
        this.pos += quote.length;
        return out;
      }
      const ch = this.text[this.pos++]!;
      if (ch === '\n' && quote.length === 1) throw new NotALiteral();
      if (ch !== '\\') out += ch;
      else if (raw) out += ch + (this.text[this.pos++] ?? '');
      else out += this.escape();
    }
  }

  private escape(): string {
    const ch = this.text[this.pos++] ?? '';
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '' };
    if (Object.hasOwn(simple, ch)) return simple[ch]!;
    const width = { x: 2, u: 4, U: 8 }[ch as 'x' | 'u' | 'U'];
    if (width) {
      const hex = this.text.slice(this.pos, this.pos + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) throw new NotALiteral();
      this.pos += width;
      const cp = Number.parseInt(hex, 16);
      if (cp > 0x10ffff) throw new NotALiteral();
      return String.fromCodePoint(cp);
    }
    const octal = /^[0-7]{1,3}/.exec(this.text.slice(this.pos - 1))?.[0];
    if (octal) {
      this.pos += octal.length - 1;
      return String.fromCodePoint(Number.parseInt(octal, 8));
    }
    if (ch === 'N') throw new NotALiteral(); // \N{name}: not worth a Unicode name table
    return `\\${ch}`;
  }

  private items(close: string, item: () => void): number {
    let count = 0;
    while (!this.eat(close)) {
      if (count > 0 && !this.eat(',')) throw new NotALiteral();
      if (count > 0 && this.eat(close)) return count;
      item();
      count++;
    }
    return count;
  }

  private sequence(open: string, close: string): PyLiteral[] {
    this.eat(open);
    const out: PyLiteral[] = [];
    this.items(close, () => out.push(this.value()));
    return out;
  }

  /** `()` and `(1,)` are tuples, `(1)` is just 1. */
  private tuple(): PyLiteral {
    this.eat('(');
    if (this.eat(')')) return [];
    const first = this.value();
    if (this.eat(')')) return first;
    if (!this.eat(',')) throw new NotALiteral();
    const out = [first];
    this.items(')', () => out.push(this.value()));
    return out;
  }

  private braces(): PyLiteral {
    this.eat('{');
    if (this.eat('}')) return new PyDict([]);
    const first = this.value();
    if (!this.eat(':')) {
      const set = [first];
      if (this.eat('}')) return set;
      if (!this.eat(',')) throw new NotALiteral();
      this.items('}', () => set.push(this.value()));
      return set;
    }
    const entries: Array<[PyLiteral, PyLiteral]> = [[first, this.value()]];
    if (this.eat('}')) return new PyDict(entries);
    if (!this.eat(',')) throw new NotALiteral();
    this.items('}', () => {
      const key = this.value();
      if (!this.eat(':')) throw new NotALiteral();
      entries.push([key, this.value()]);
    });
    return new PyDict(entries);
  }
}

/**
 * Python `ast.literal_eval(text)` for the literals query filters carry (`{'k': 'v'}`, `1`, `'x'`,
 * `[1, 2]`, `True`, `None`; JSON objects parse too). Undefined when Python would raise
 * `ValueError`/`SyntaxError` — Cinder then keeps the raw string.
 */
export function literalEval(text: string): PyLiteral | undefined {
  try {
    return new LiteralParser(text.replace(/^[ \t]+/, '')).parseAll();
  } catch (e) {
    if (e instanceof NotALiteral || e instanceof SyntaxError || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** Python `str(value)` of a literal (for Cinder's messages and text comparisons). */
export function pyLiteralStr(value: PyLiteral): string {
  if (typeof value === 'string') return value;
  return pyLiteralRepr(value);
}

function pyLiteralRepr(value: PyLiteral): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return pyStrRepr(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof PyFloat) return value.toString();
  if (value instanceof PyDict) return `{${value.entries.map(([k, v]) => `${pyLiteralRepr(k)}: ${pyLiteralRepr(v)}`).join(', ')}}`;
  return `[${value.map(pyLiteralRepr).join(', ')}]`;
}
