// The whole test suite, several runs in a row, while CPU burners keep every core busy: proves the tests do not
// depend on machine speed (issue 15). `pnpm test:loaded` runs the README's test command 3 times with 2 burners;
// `node scripts/test-loaded.mjs --runs 1 --burners 4` changes either. Exits non-zero when any run failed.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    burners: { type: 'string', default: String(Math.max(2, availableParallelism())) },
  },
});
const runs = Number(values.runs);
const burnerCount = Number(values.burners);

const burners = Array.from({ length: burnerCount }, () =>
  spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random());'], { stdio: 'ignore' }),
);
const stopBurners = () => {
  for (const burner of burners) burner.kill('SIGKILL');
};
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopBurners();
    process.exit(130);
  });
}

const results = [];
for (let run = 1; run <= runs; run += 1) {
  const started = Date.now();
  console.log(`\n=== loaded run ${run}/${runs} (${burnerCount} CPU burners) ===`);
  // `--force`: turbo must not replay cached results; every run tests for real.
  const code = await new Promise((resolve) => {
    const child = spawn('pnpm', ['test'], { stdio: 'inherit', env: { ...process.env, TURBO_FORCE: 'true' } });
    child.on('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  results.push({ run, code, minutes: (Date.now() - started) / 60_000 });
}
stopBurners();
console.log('\nrun | result | minutes');
for (const { run, code, minutes } of results)
  console.log(`${run} | ${code === 0 ? 'green' : `FAILED (${code})`} | ${minutes.toFixed(1)}`);
const failed = results.filter((result) => result.code !== 0).length;
console.log(`test:loaded: ${runs - failed} of ${runs} runs green with ${burnerCount} CPU burners`);
process.exitCode = failed === 0 ? 0 : 1;
