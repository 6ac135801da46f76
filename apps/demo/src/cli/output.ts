import { styleText } from 'node:util';

type Style = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan' | 'magenta';

/**
 * Where the demo writes: human lines with colours only on a TTY (and never with NO_COLOR), or, with `--json`, one
 * JSON document per command on stdout and nothing else there.
 */
export class Output {
  readonly json: boolean;
  private readonly color: boolean;
  private readonly results: Record<string, unknown> = {};

  constructor(
    options: { json?: boolean; color?: boolean } = {},
    private readonly stdout: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
    env: Record<string, string | undefined> = process.env,
  ) {
    this.json = options.json ?? false;
    this.color = options.color ?? (Boolean(this.stdout.isTTY) && !env.NO_COLOR && !this.json);
  }

  /** Styles text when colours are on. */
  style(style: Style, text: string): string {
    return this.color ? styleText(style, text, { validateStream: false }) : text;
  }

  /** A line for people (suppressed in JSON mode). */
  line(text = ''): void {
    if (!this.json) this.stdout.write(`${text}\n`);
  }

  /** Text without a newline, e.g. stream deltas (suppressed in JSON mode). */
  write(text: string): void {
    if (!this.json) this.stdout.write(text);
  }

  /** A section heading. */
  heading(text: string): void {
    this.line();
    this.line(this.style('bold', this.style('cyan', `▸ ${text}`)));
  }

  /** A key/value detail line. */
  detail(label: string, value: string): void {
    this.line(`  ${this.style('dim', `${label}:`)} ${value}`);
  }

  /** A status line that goes to stderr so it never mixes with JSON on stdout. */
  status(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  /** Records a machine-readable result under `key` (printed by `flush` in JSON mode). */
  result(key: string, value: unknown): void {
    this.results[key] = value;
  }

  /** Prints the collected results as JSON, in JSON mode. */
  flush(): void {
    if (this.json) this.stdout.write(`${JSON.stringify(this.results, jsonReplacer, 2)}\n`);
  }
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Float32Array) return Array.from(value);
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  return value;
}
