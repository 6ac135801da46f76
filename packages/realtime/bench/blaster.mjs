// A child process that blasts pre-serialised Realtime server events at whoever connects, so that the client being
// measured has a core of its own on a two-core machine and its process CPU time is the client's alone.
import { WebSocketServer } from 'ws';

const count = Number(process.argv[2]);
const kind = process.argv[3];
const ref = { response_id: 'resp_bench', item_id: 'item_bench', output_index: 0, content_index: 0 };
const audio = Buffer.alloc(4800, 7).toString('base64'); // 100 ms of PCM16 at 24 kHz
const frames = [];
for (let index = 0; index < count; index++) {
  const event =
    kind === 'audio' && index % 2 === 1
      ? { type: 'response.output_audio.delta', event_id: `event_${index}`, ...ref, delta: audio }
      : kind === 'audio'
        ? { type: 'response.output_audio_transcript.delta', event_id: `event_${index}`, ...ref, delta: ' word' }
        : { type: 'response.output_text.delta', event_id: `event_${index}`, ...ref, delta: ` token${index % 100}` };
  frames.push(JSON.stringify(event));
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('connection', (socket) => {
  socket.send(JSON.stringify({ type: 'session.created', event_id: 'event_start', session: { id: 'sess_bench' } }));
  let index = 0;
  const pump = () => {
    // Keep the socket's buffer from growing without bound: send in slices, yielding in between.
    const end = Math.min(index + 2000, frames.length);
    for (; index < end; index++) socket.send(frames[index]);
    if (index < frames.length) setImmediate(pump);
  };
  pump();
});
wss.on('listening', () => process.send({ port: wss.address().port }));
process.on('message', (message) => {
  if (message === 'close') {
    for (const client of wss.clients) client.terminate();
    wss.close(() => process.exit(0));
  }
});
