import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeFailure } from '../cli/demo-error.js';
import { connect } from '../setup/connect.js';
import { TOUR_SCENES } from '../tour/scenes.js';
import { type Command, stringValue } from './command.js';

/** `tour`: every feature in one run (what `pnpm demo` shows). */
export const tourCommand: Command = {
  name: 'tour',
  summary: 'A guided tour of every feature, offline against the mock server unless keys are set',
  usage: 'switchboard-demo tour [--provider openai|azure] [--out-dir switchboard-demo-output] [--json]',
  options: { 'out-dir': { type: 'string', default: 'switchboard-demo-output' } },
  async run({ values, output, signal, io }) {
    const outDir = resolve(stringValue(values, 'out-dir') ?? 'switchboard-demo-output');
    await mkdir(outDir, { recursive: true });
    const demo = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    const results: Record<string, unknown> = {};
    const failed: string[] = [];
    const started = performance.now();
    try {
      output.line(
        output.style(
          'bold',
          `Switchboard tour on ${demo.kind === 'azure' ? 'Azure OpenAI' : 'OpenAI'}${demo.offline ? ' (mock server)' : ''}`,
        ),
      );
      for (const scene of TOUR_SCENES) {
        if (signal.aborted) break;
        output.heading(scene.title);
        const sceneStart = performance.now();
        try {
          const run = () => scene.run({ demo, output, outDir, signal, io });
          results[scene.title] = await (demo.tracing ? demo.tracing.inSpan(`scene: ${scene.title}`, run) : run());
          output.line(output.style('dim', `  (${Math.round(performance.now() - sceneStart)} ms)`));
        } catch (error) {
          // Ctrl-C: the scene in progress stopped; that is not a failure.
          if (signal.aborted) break;
          failed.push(scene.title);
          results[scene.title] = { error: describeFailure(error) };
          output.line(`  ${output.style('red', 'failed:')} ${describeFailure(error)}`);
        }
      }
    } finally {
      await demo.close();
    }
    const elapsed = ((performance.now() - started) / 1000).toFixed(1);
    output.line();
    if (signal.aborted) {
      output.line(output.style('yellow', `Tour stopped after ${elapsed} s.`));
      return;
    }
    output.line(
      failed.length
        ? output.style('red', `Tour finished in ${elapsed} s with ${failed.length} failed scene(s).`)
        : output.style('green', `Tour finished in ${elapsed} s.`),
    );
    output.result('tour', { provider: demo.kind, offline: demo.offline, outDir, scenes: results, failed });
    if (failed.length) throw new Error(`Scenes failed: ${failed.join(', ')}`);
  },
};
