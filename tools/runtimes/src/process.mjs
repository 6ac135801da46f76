// Child processes for the matrix, always asynchronous: the mock server lives in the harness process and must keep
// answering while a cell runs. Output is collected; a time limit kills the whole process group.
import { spawn } from 'node:child_process';

/** Runs a command to its end; resolves with { code, signal, stdout, stderr, timedOut } (never rejects on exit code). */
export function run(command, args, { cwd, env, timeoutMs = 120_000, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** Runs a command and throws a readable error unless it exits 0. */
export async function runOrThrow(command, args, options = {}) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const why = result.timedOut
      ? `timed out after ${options.timeoutMs ?? 120_000} ms`
      : `exit ${result.code ?? result.signal}`;
    throw new Error(`${[command, ...args].join(' ')}: ${why}\n${tail(result.stderr || result.stdout)}`);
  }
  return result;
}

/** Starts a long-running process (a server); the caller stops it with `stop()`. */
export function start(command, args, { cwd, env } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  child.on('error', (error) => (output += `\ncannot start ${command}: ${error.message}`));
  return {
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) killGroup(child);
      await exited;
    },
  };
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** The last lines of some output, for error messages. */
export function tail(text, lines = 15) {
  return String(text).trim().split('\n').slice(-lines).join('\n');
}
