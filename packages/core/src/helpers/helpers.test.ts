import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedProvider } from '../../test/scripted-provider.js';
import { InvalidRequestError, UnsupportedError } from '../errors/error-classes.js';
import { analyzeImage as analyzeImageFromFiles } from '../node/analyze-image.js';
import { toImageUrl } from '../node/to-image-url.js';
import type { ChatRequest } from '../types/chat-request.js';
import type { Provider } from '../types/provider.js';
import { analyzeImage } from './analyze-image.js';
import { ask } from './ask.js';
import { createImage } from './create-image.js';
import { setPlatformImageReader, sniffImageType, toImageUrl as toImageUrlWeb } from './image-input.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const GIF = new TextEncoder().encode('GIF89a......');
const WEBP = new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-core-'));
  await writeFile(join(dir, 'photo.png'), PNG);
  await writeFile(join(dir, 'unknown.bin'), Uint8Array.from([1, 2, 3]));
  await writeFile(join(dir, 'noext'), Uint8Array.from([1, 2, 3]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('image input', () => {
  it('sniffs PNG, JPEG, GIF and WebP', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(GIF)).toBe('image/gif');
    expect(sniffImageType(WEBP)).toBe('image/webp');
    expect(sniffImageType(Uint8Array.from([1, 2, 3]))).toBeUndefined();
  });

  it('passes URLs through and turns bytes and files into data URLs', async () => {
    expect(await toImageUrl('https://example.com/cat.png')).toBe('https://example.com/cat.png');
    expect(await toImageUrl('data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
    expect(await toImageUrl(new URL('https://example.com/a.jpg'))).toBe('https://example.com/a.jpg');
    expect(await toImageUrl(JPEG)).toBe(`data:image/jpeg;base64,${Buffer.from(JPEG).toString('base64')}`);
    expect(await toImageUrl(PNG.buffer.slice(0) as ArrayBuffer)).toMatch(/^data:image\/png;base64,/);
    expect(await toImageUrl(join(dir, 'photo.png'))).toBe(
      `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`,
    );
    expect(await toImageUrl({ path: join(dir, 'photo.png') })).toMatch(/^data:image\/png/);
    expect(await toImageUrl(Uint8Array.from([1, 2, 3]), { mimeType: 'image/heic' })).toBe(
      'data:image/heic;base64,AQID',
    );
  });

  it('uses the extension when the bytes are not recognised, and fails clearly otherwise', async () => {
    await writeFile(join(dir, 'odd.webp'), Uint8Array.from([9, 9, 9]));
    expect(await toImageUrl(join(dir, 'odd.webp'))).toMatch(/^data:image\/webp;base64,/);
    await expect(toImageUrl(join(dir, 'unknown.bin'))).rejects.toThrow(/not a PNG, JPEG, GIF or WebP/);
    await expect(toImageUrl(join(dir, 'noext'))).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('refuses a file path where no reader is installed, and still takes bytes without Buffer', async () => {
    setPlatformImageReader(undefined);
    await expect(toImageUrlWeb(join(dir, 'photo.png'))).rejects.toThrow(/no file system.*bytes or a URL/);
    expect(await toImageUrlWeb(PNG)).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
    const reader = async () => PNG;
    expect(await toImageUrlWeb({ path: 'C:\\images\\x.PNG' }, { readFile: reader })).toMatch(/^data:image\/png/);
  });

  it('names a missing file', async () => {
    const missing = join(dir, 'missing.png');
    await expect(toImageUrl(missing)).rejects.toThrow(
      `Cannot read the image file ${JSON.stringify(missing)} (ENOENT).`,
    );
  });
});

describe('ask', () => {
  it('asks a nano model by default and returns the text', async () => {
    const provider = scriptedProvider({ text: 'Paris' });
    expect(await ask(provider, 'Capital of France?')).toBe('Paris');
    expect(provider.calls[0]?.request).toEqual({
      model: 'gpt-5-nano',
      messages: [{ role: 'user', content: 'Capital of France?' }],
    });
  });

  it('takes a model, a system prompt, an output cap and call options', async () => {
    const provider = scriptedProvider();
    const controller = new AbortController();
    await ask(provider, 'q', { model: 'gpt-4o', system: 'Be brief.', maxOutputTokens: 20, signal: controller.signal });
    expect(provider.calls[0]?.request).toEqual({
      model: 'gpt-4o',
      maxOutputTokens: 20,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'q' },
      ],
    });
    expect(provider.calls[0]?.options?.signal).toBe(controller.signal);
  });
});

describe('analyzeImage', () => {
  it('sends the image as a data URL with the detail level', async () => {
    const provider = scriptedProvider({ text: 'a red square' });
    const answer = await analyzeImageFromFiles(provider, join(dir, 'photo.png'), 'What is this?', {
      detail: 'low',
      maxOutputTokens: 50,
    });
    expect(answer).toBe('a red square');
    const request = provider.calls[0]?.request as ChatRequest;
    expect(request.model).toBe('gpt-4.1-mini');
    expect(request.maxOutputTokens).toBe(50);
    expect(request.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image', image: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`, detail: 'low' },
      ],
    });
  });

  it('accepts bytes with a MIME type and a signal', async () => {
    const provider = scriptedProvider();
    await analyzeImage(provider, Uint8Array.from([1]), 'q', {
      mimeType: 'image/png',
      model: 'gpt-4o',
      signal: new AbortController().signal,
    });
    const request = provider.calls[0]?.request as ChatRequest;
    expect(JSON.stringify(request.messages)).toContain('data:image/png;base64,AQ==');
    expect(request.messages[0]?.content).toContainEqual(expect.objectContaining({ detail: 'auto' }));
  });
});

describe('createImage', () => {
  it('passes the request to generateImage with gpt-image-1 by default', async () => {
    const provider = scriptedProvider();
    const response = await createImage(provider, 'a lighthouse', {
      size: '1024x1024',
      quality: 'low',
      timeoutMs: 5_000,
      headers: { a: 'b' },
      metadata: { m: 1 },
      signal: new AbortController().signal,
    });
    expect(response.images[0]?.mimeType).toBe('image/png');
    expect(provider.calls[0]?.request).toEqual({
      model: 'gpt-image-1',
      prompt: 'a lighthouse',
      size: '1024x1024',
      quality: 'low',
    });
    expect(provider.calls[0]?.options).toMatchObject({ timeoutMs: 5_000, headers: { a: 'b' }, metadata: { m: 1 } });
  });

  it('fails with UnsupportedError when the provider has no image generation', async () => {
    const provider: Provider = {
      name: 'text-only',
      chat: scriptedProvider().chat,
      streamChat: scriptedProvider().streamChat,
    };
    await expect(createImage(provider, 'x')).rejects.toBeInstanceOf(UnsupportedError);
  });
});
