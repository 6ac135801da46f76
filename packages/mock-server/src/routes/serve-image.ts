import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockState } from '../server/state.js';

/** GET /mock-files/images/{name}.png: the image URLs the images route hands out (no auth, like a signed blob URL). */
export function serveImage(req: IncomingMessage, res: ServerResponse, path: string, state: MockState): void {
  req.resume();
  const match = /^\/mock-files\/images\/([\w-]+)\.png$/.exec(path);
  const image = match && req.method === 'GET' ? state.images.get(match[1] as string) : undefined;
  if (!image) {
    const body =
      '<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>';
    res.writeHead(404, ['content-type', 'application/xml', 'content-length', String(Buffer.byteLength(body))]);
    res.end(body);
    return;
  }
  res.writeHead(200, ['content-type', 'image/png', 'content-length', String(image.length)]);
  res.end(image);
}
