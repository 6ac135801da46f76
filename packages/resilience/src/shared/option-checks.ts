import { ConfigError, type ConfigIssue } from '@switchboard/core';

/** Collects every problem with a set of numeric options, so one `ConfigError` can name them all at once. */
export class OptionChecks {
  private readonly issues: ConfigIssue[] = [];

  constructor(private readonly prefix: string) {}

  /** A number at least `min` (an integer when `integer`), or absent. */
  number(name: string, value: unknown, { min = 0, integer = false }: { min?: number; integer?: boolean } = {}): this {
    if (value === undefined) return this;
    const valid = typeof value === 'number' && Number.isFinite(value) && value >= min;
    if (!valid || (integer && !Number.isInteger(value))) {
      this.issues.push({
        path: `${this.prefix}.${name}`,
        message: `must be ${integer ? 'an integer' : 'a number'} of at least ${min}`,
      });
    }
    return this;
  }

  /** A boolean, or absent. */
  boolean(name: string, value: unknown): this {
    if (value !== undefined && typeof value !== 'boolean') {
      this.issues.push({ path: `${this.prefix}.${name}`, message: 'must be true or false' });
    }
    return this;
  }

  /** A function, or absent. */
  fn(name: string, value: unknown): this {
    if (value !== undefined && typeof value !== 'function') {
      this.issues.push({ path: `${this.prefix}.${name}`, message: 'must be a function' });
    }
    return this;
  }

  /** Throws one `ConfigError` listing every problem found. */
  done(): void {
    if (this.issues.length > 0) throw new ConfigError({ issues: this.issues });
  }
}
