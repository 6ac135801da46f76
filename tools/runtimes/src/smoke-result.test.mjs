import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBuildError } from './bundle.mjs';
import { firstError, smokeChecks } from './smoke-result.mjs';

const exited = (stdout, code = 0, stderr = '') => ({ stdout, stderr, code, signal: null, timedOut: false });

test('a printed result becomes its checks', () => {
  const checks = [{ name: 'chat', ok: true, detail: '5 chars' }];
  const line = `noise\nSMOKE_RESULT ${JSON.stringify({ ok: true, checks })}\n`;
  assert.deepEqual(smokeChecks('node', exited(line)), checks);
});

test('a process that crashed before printing a result is one failed check naming the error', () => {
  const stderr =
    "file:///x/smoke.mjs:1\nSyntaxError: The requested module 'node:zlib' does not provide an export named 'crc32'\n    at ModuleJob._instantiate";
  const [check] = smokeChecks('node 22.0.0', exited('', 1, stderr));
  assert.equal(check.ok, false);
  assert.match(check.error, /^exited 1 without a result: SyntaxError: .*crc32/);
});

test('a passing result from a process that exited non-zero still fails', () => {
  const line = `SMOKE_RESULT ${JSON.stringify({ ok: true, checks: [{ name: 'chat', ok: true }] })}`;
  const checks = smokeChecks('bun', exited(line, 3, 'leaked handle'));
  assert.deepEqual(
    checks.map((c) => [c.name, c.ok]),
    [
      ['chat', true],
      ['bun-exit', false],
    ],
  );
});

test('a timeout says so', () => {
  const [check] = smokeChecks('deno', { stdout: '', stderr: '', code: null, signal: 'SIGKILL', timedOut: true });
  assert.match(check.error, /^timed out/);
});

test('firstError falls back to the last lines when no line looks like an error', () => {
  assert.equal(firstError('a\nb\n\nc'), 'a | b | c');
});

test('esbuild errors are grouped by message with the first importing package file', () => {
  const error = {
    message: 'Build failed with 3 errors',
    errors: [
      { text: 'Could not resolve "node:fs"', location: { file: '../app/node_modules/@switchboard/batch/dist/a.js' } },
      { text: 'Could not resolve "node:fs"', location: { file: '../app/node_modules/@switchboard/batch/dist/b.js' } },
      { text: 'Could not resolve "node:util"', location: { file: '../app/node_modules/@switchboard/core/dist/e.js' } },
    ],
  };
  assert.equal(
    describeBuildError(error),
    'build failed with 3 errors: Could not resolve "node:fs" (from @switchboard/batch/dist/a.js +1 more); Could not resolve "node:util" (from @switchboard/core/dist/e.js)',
  );
  assert.equal(describeBuildError(new Error('vite: boom\nstack')), 'build failed: vite: boom');
});
