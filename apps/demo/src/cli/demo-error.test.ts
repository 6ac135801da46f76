import { AuthenticationError, NotFoundError, ParseError, SwitchboardError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { DemoError, describeFailure } from './demo-error.js';

describe('describeFailure', () => {
  it('joins a DemoError and its hint', () => {
    expect(describeFailure(new DemoError('No question given.', 'Ask one.'))).toBe('No question given. Ask one.');
  });

  it('adds what to do to Switchboard errors, and nothing when there is no advice', () => {
    expect(describeFailure(new AuthenticationError({ message: 'Bad key.' }))).toMatch(
      /^Bad key\. Check OPENAI_API_KEY/,
    );
    expect(describeFailure(new NotFoundError({ message: 'No such model.' }))).toMatch(
      /^No such model\. Check the model name/,
    );
    expect(describeFailure(new ParseError({ message: 'Bad JSON.', raw: '{' }))).toBe('Bad JSON. (received: "{")');
    expect(describeFailure(new SwitchboardError('queue-full', { message: 'Full.' }))).toBe('Full.');
  });

  it('turns file errors into a sentence with what to do', () => {
    const error = (code: string) => Object.assign(new Error(`${code}: raw`), { code, path: '/x/y' });
    expect(describeFailure(error('ENOENT'))).toBe('Cannot use /x/y: no such file or folder. Check the path.');
    expect(describeFailure(error('EACCES'))).toBe('Cannot use /x/y: permission denied. Check the file permissions.');
    expect(describeFailure(error('EISDIR'))).toBe('Cannot use /x/y: it is a folder, not a file. Give a file path.');
    expect(describeFailure(error('ENOTDIR'))).toBe(
      'Cannot use /x/y: a part of the path is not a folder. Check the path.',
    );
    expect(describeFailure(error('EMFILE'))).toBe('EMFILE: raw');
  });

  it('is always one line', () => {
    expect(describeFailure(new Error('first\n  second\nthird'))).toBe('first second third');
    expect(describeFailure('plain text')).toBe('plain text');
    expect(describeFailure(undefined)).toBe('undefined');
  });
});
