// Reads the `SMOKE_RESULT {...}` line a smoke entry prints. A process that printed none (it crashed while importing,
// for example) becomes one failed check carrying the end of its output, so the table says what broke.
import { tail } from './process.mjs';

export function smokeChecks(label, result) {
  const line = result.stdout.split('\n').find((l) => l.startsWith('SMOKE_RESULT '));
  if (!line) {
    const why = result.timedOut ? 'timed out' : `exited ${result.code ?? result.signal} without a result`;
    return [{ name: label, ok: false, error: `${why}: ${firstError(result.stderr || result.stdout)}` }];
  }
  const parsed = JSON.parse(line.slice('SMOKE_RESULT '.length));
  const checks = parsed.checks;
  if (result.code !== 0 && parsed.ok) {
    checks.push({ name: `${label}-exit`, ok: false, error: `exit ${result.code}: ${tail(result.stderr, 5)}` });
  }
  return checks;
}

/** The most telling lines of a crash: the error line and the frame or module it names. */
export function firstError(output) {
  const lines = String(output)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
  const index = lines.findIndex((l) => /error|Error|cannot|Cannot|not found|No such/.test(l));
  const picked = index === -1 ? lines.slice(-6) : lines.slice(index, index + 6);
  return picked.join(' | ').slice(0, 800);
}
