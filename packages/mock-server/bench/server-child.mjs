// A server script (server-process.mjs or baseline-server.mjs) in its own process, driven over IPC: it answers a
// message naming a type with a message of that type ('ready' with its origin once listening; 'stats', 'phases', ...).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Forks `script` (relative to this folder) with `options` as JSON; resolves once it listens. */
export function startServerChild(script, options, execArgv = []) {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [JSON.stringify(options)], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type) =>
    new Promise((resolve) => {
      const onMessage = (message) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
    });
  return next('ready').then(({ origin }) => ({
    origin,
    /** Sends `type` and resolves with the child's answer of that type. */
    ask: (type) => {
      const reply = next(type);
      child.send(type);
      return reply;
    },
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.send('close');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  }));
}
