import { DEMO_MODELS } from '../commands/command.js';
import { openRealtime, textTurn } from '../realtime/realtime-turns.js';
import type { Scene } from './scene.js';

/** Two text turns over one Realtime WebSocket session (the second relies on the first: it is one conversation). */
export const realtimeScene: Scene = {
  title: 'Realtime text exchange (WebSocket)',
  async run({ demo, output, signal }) {
    const session = await openRealtime(demo, {
      model: DEMO_MODELS.realtime,
      instructions: 'You are a friendly telephone operator. Answer in one sentence.',
      signal,
    });
    try {
      const turns = [];
      for (const text of [
        'Hello, operator? I would like to place a call.',
        'Please connect me to the harbour office.',
      ]) {
        output.detail('you', text);
        turns.push(await textTurn(session, text, output, signal));
      }
      output.detail(
        'session',
        `${session.stats.connections} WebSocket connection(s), ${session.stats.reconnects} reconnect(s)`,
      );
      return { turns };
    } finally {
      await session.close();
    }
  },
};
