import { describe, expect, it } from 'vitest';
import { detectRuntime } from './detect-runtime.js';

describe('detectRuntime', () => {
  it('tells Bun and Deno apart from Node, although both present process.versions.node', () => {
    const node = { process: { versions: { node: '20.19.0' } } };
    expect(detectRuntime(node)).toBe('node');
    expect(detectRuntime({ ...node, Bun: {} })).toBe('bun');
    expect(detectRuntime({ ...node, Deno: { version: { deno: '2.1.0' } } })).toBe('deno');
  });

  it('pages and web workers are browsers; runtimes without process are workers', () => {
    expect(detectRuntime({ window: { document: {} } })).toBe('browser');
    expect(detectRuntime({ importScripts: () => {} })).toBe('browser');
    expect(detectRuntime({})).toBe('worker');
    expect(detectRuntime()).toBe('node');
  });
});
