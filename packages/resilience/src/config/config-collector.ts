import { ConfigError, type ConfigIssue, isSwitchboardError, unknownOptionIssues } from '@switchboard/core';

/**
 * Gathers every configuration problem of an options object and the parts it configures, so that one `ConfigError`
 * names them all at once (instead of the first group that fails).
 */
export class ConfigCollector {
  readonly issues: ConfigIssue[] = [];

  /** Reports each key of `value` that is not in `known`, with a did-you-mean hint when one is close. */
  unknownKeys(prefix: string, value: unknown, known: readonly string[]): this {
    this.issues.push(...unknownOptionIssues(value, known, prefix));
    return this;
  }

  /** Runs a check or a factory; a `ConfigError` it throws adds its issues here and yields undefined. */
  run<T>(check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      if (isSwitchboardError(error) && error.code === 'config' && Array.isArray((error as ConfigError).issues)) {
        this.issues.push(...(error as ConfigError).issues);
        return undefined;
      }
      throw error;
    }
  }

  /** Throws one `ConfigError` listing every problem found. */
  done(): void {
    if (this.issues.length > 0) throw new ConfigError({ issues: [...this.issues] });
  }
}

/** `value` without the keys that are not in `known` (already reported), so a strict schema does not report them twice. */
export function knownOnly<T extends object>(value: T, known: readonly string[]): T {
  return Object.fromEntries(Object.entries(value).filter(([key]) => known.includes(key))) as T;
}
