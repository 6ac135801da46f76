import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPromptTemplate, TemplateError } from './prompt-template.js';

describe('prompt templates', () => {
  const template = createPromptTemplate([
    { role: 'system', content: 'You translate into {{ language }}.' },
    { role: 'user', content: 'Translate: {{text}}' },
    { role: 'assistant', content: 'Sure, {{language}} it is.' },
  ]);

  it('lists its variables in order of first use', () => {
    expect(template.variables).toEqual(['language', 'text']);
  });

  it('substitutes into system, user and assistant messages', () => {
    expect(template.render({ language: 'French', text: 'hello' })).toEqual([
      { role: 'system', content: 'You translate into French.' },
      { role: 'user', content: 'Translate: hello' },
      { role: 'assistant', content: 'Sure, French it is.' },
    ]);
  });

  it('never substitutes inside a value', () => {
    const [, user] = template.render({ language: '{{text}}', text: 'a {{language}} b $& $1' });
    expect(user?.content).toBe('Translate: a {{language}} b $& $1');
  });

  it('names every missing and extra variable at once', () => {
    try {
      template.render({ lang: 'x', extra: 'y' } as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      const e = error as TemplateError;
      expect(e.missing).toEqual(['language', 'text']);
      expect(e.extra).toEqual(['lang', 'extra']);
      expect(e.message).toBe(
        'Template variables do not match (missing: language, text; not used by the template: lang, extra).',
      );
      expect(e.code).toBe('template');
      expect(e.toJSON()).toMatchObject({ missing: ['language', 'text'], extra: ['lang', 'extra'] });
    }
  });

  it('types and validates variables with a zod schema', () => {
    const typed = createPromptTemplate(
      [{ role: 'user', content: 'Summarise in {{words}} words: {{text}}' }],
      z.object({ words: z.number().int().positive(), text: z.string().min(1) }),
    );
    expect(typed.render({ words: 50, text: 'long text' })[0]?.content).toBe('Summarise in 50 words: long text');
    try {
      typed.render({ words: -1 } as never);
      expect.unreachable();
    } catch (error) {
      const e = error as TemplateError;
      expect(e.missing).toEqual(['text']);
      expect(e.invalid).toEqual([{ variable: 'words', message: expect.any(String) }]);
      expect(e.message).toContain('invalid: words (');
    }
  });

  it('reports a schema failure at the root', () => {
    const typed = createPromptTemplate(
      [{ role: 'user', content: 'x' }],
      z.object({}).refine(() => false, 'never valid'),
    );
    expect(() => typed.render({})).toThrow(/invalid: \(root\) \(never valid\)/);
  });
});
