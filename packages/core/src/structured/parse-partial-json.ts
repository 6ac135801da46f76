/**
 * Parses the beginning of a JSON document as far as it goes, for showing an object while it streams. What the
 * prefix already fixes is kept: complete values, open objects and arrays with what they hold so far, and an
 * unfinished string up to where it stops. What could still change is left out: a number or literal without a
 * delimiter after it (`12` may become `123`), a property whose key or value has not started, a half-written escape.
 * So the result of every prefix is a deep-partial of the complete document's value. Returns undefined when nothing
 * is fixed yet or the text is not JSON.
 */
export function parsePartialJson(text: string): unknown {
  const parser = new PartialJsonParser(text);
  try {
    return parser.parseDocument();
  } catch (error) {
    if (error instanceof NotJson) return undefined;
    throw error;
  }
}

class NotJson extends Error {}

/** A value read from the prefix, and whether the text has closed it. */
interface Parsed {
  value: unknown;
  complete: boolean;
}

const NUMBER_CHARS = /[0-9eE+\-.]/;
const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class PartialJsonParser {
  private position = 0;

  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    const parsed = this.parseValue();
    return parsed?.value;
  }

  /** Undefined when the value has not started or may still change (an unterminated number or literal). */
  private parseValue(): Parsed | undefined {
    this.skipWhitespace();
    const char = this.text[this.position];
    if (char === undefined) return undefined;
    if (char === '{') return this.parseObject();
    if (char === '[') return this.parseArray();
    if (char === '"') return this.parseString();
    if (char === '-' || (char >= '0' && char <= '9')) return this.parseNumber();
    return this.parseLiteral();
  }

  private parseObject(): Parsed {
    const object: Record<string, unknown> = {};
    this.position++;
    for (;;) {
      this.skipWhitespace();
      const char = this.text[this.position];
      if (char === undefined) return { value: object, complete: false };
      if (char === '}') {
        this.position++;
        return { value: object, complete: true };
      }
      if (char !== '"') throw new NotJson();
      const key = this.parseString();
      if (!key.complete) return { value: object, complete: false };
      this.skipWhitespace();
      if (this.position >= this.text.length) return { value: object, complete: false };
      if (this.text[this.position] !== ':') throw new NotJson();
      this.position++;
      const value = this.parseValue();
      if (!value) return { value: object, complete: false };
      // defineProperty, not assignment: a `__proto__` key must become a property, as JSON.parse makes it.
      Object.defineProperty(object, key.value as string, {
        value: value.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (!value.complete) return { value: object, complete: false };
      if (!this.skipSeparator('}')) return { value: object, complete: false };
      if (this.text[this.position - 1] === '}') return { value: object, complete: true };
    }
  }

  private parseArray(): Parsed {
    const array: unknown[] = [];
    this.position++;
    for (;;) {
      this.skipWhitespace();
      const char = this.text[this.position];
      if (char === undefined) return { value: array, complete: false };
      if (char === ']') {
        this.position++;
        return { value: array, complete: true };
      }
      const value = this.parseValue();
      if (!value) return { value: array, complete: false };
      array.push(value.value);
      if (!value.complete) return { value: array, complete: false };
      if (!this.skipSeparator(']')) return { value: array, complete: false };
      if (this.text[this.position - 1] === ']') return { value: array, complete: true };
    }
  }

  /** After a member: consumes `,` or the closing bracket; false at the end of the text. */
  private skipSeparator(close: '}' | ']'): boolean {
    this.skipWhitespace();
    const char = this.text[this.position];
    if (char === undefined) return false;
    if (char !== ',' && char !== close) throw new NotJson();
    this.position++;
    return true;
  }

  private parseString(): Parsed {
    let value = '';
    this.position++;
    for (;;) {
      const end = this.findStringSpecial(this.position);
      value += this.text.slice(this.position, end);
      this.position = end;
      const char = this.text[end];
      if (char === undefined) return { value, complete: false };
      if (char === '"') {
        this.position++;
        return { value, complete: true };
      }
      const escaped = this.readEscape();
      // A half-written escape at the end of the text: keep the string up to it.
      if (escaped === undefined) return { value, complete: false };
      value += escaped;
    }
  }

  private findStringSpecial(from: number): number {
    for (let index = from; index < this.text.length; index++) {
      const char = this.text[index];
      if (char === '"' || char === '\\') return index;
      if ((char as string) < ' ') throw new NotJson();
    }
    return this.text.length;
  }

  private readEscape(): string | undefined {
    const kind = this.text[this.position + 1];
    if (kind === undefined) return undefined;
    if (kind === 'u') {
      const hex = this.text.slice(this.position + 2, this.position + 6);
      if (!/^[0-9a-fA-F]*$/.test(hex)) throw new NotJson();
      if (hex.length < 4) return undefined;
      this.position += 6;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    const escaped = ESCAPES[kind];
    if (escaped === undefined) throw new NotJson();
    this.position += 2;
    return escaped;
  }

  private parseNumber(): Parsed | undefined {
    const start = this.position;
    while (this.position < this.text.length && NUMBER_CHARS.test(this.text[this.position] as string)) this.position++;
    // Without a delimiter after it, more digits may follow.
    if (this.position >= this.text.length) return undefined;
    const raw = this.text.slice(start, this.position);
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) throw new NotJson();
    return { value: Number(raw), complete: true };
  }

  private parseLiteral(): Parsed | undefined {
    const rest = this.text.slice(this.position, this.position + 5);
    for (const [word, value] of Object.entries(LITERALS)) {
      if (rest.startsWith(word)) {
        this.position += word.length;
        return { value, complete: true };
      }
      if (word.startsWith(rest) && this.position + rest.length >= this.text.length) return undefined;
    }
    throw new NotJson();
  }

  private skipWhitespace(): void {
    while (this.position < this.text.length && ' \t\n\r'.includes(this.text[this.position] as string)) this.position++;
  }
}
