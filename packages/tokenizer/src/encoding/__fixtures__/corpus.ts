/** Texts that stress a tokenizer: scripts, emoji sequences, combining marks, line endings, code, JSON. */
export const CORPUS: Record<string, string> = {
  english: 'The quick brown fox jumps over the lazy dog. It was the best of times, it was the worst of times.',
  contractions: "I'm sure they'll say it's fine, we've seen what you'd do. DON'T SHOUT, It'S ok, ſ's",
  emoji: 'Ship it 🚀🚀 — thumbs 👍🏽, family 👨‍👩‍👧‍👦, flag 🇫🇷🇯🇵, heart ❤️ and keycap 1️⃣. 😀😀😀',
  combining: 'café vs cafe\u0301, naïve, Zoë, n\u0303, a\u0300\u0301\u0302\u0303, Ǆ ǅ ǆ, ﬁ ligature, ÅÅ',
  cjk: '机器学习是人工智能的一个分支。它使计算机能够从数据中学习，而无需明确编程！日本語のテキスト、カタカナとひらがな。한국어 문장도 있습니다.',
  mixedScripts: 'Привет, мир! مرحبا بالعالم. שלום עולם. नमस्ते दुनिया। สวัสดีชาวโลกนี่คือประโยคภาษาไทยที่ไม่มีช่องว่าง Γειά σου κόσμε.',
  crlf: 'line one\r\nline two\r\n\r\n  indented\r\n\tTabbed\r\n\n\n\nend\r',
  whitespace: '  leading and trailing  \n\n   \n \t \u00a0 nbsp\u2003em space\u3000ideographic\n    \n',
  code: [
    'export function add(a: number, b: number): number {',
    '  // sum two numbers',
    '  return a + b; /* inline */',
    '}',
    '',
    'const re = /^[a-z]+\\d{2,3}$/gi; const url = "https://example.com/a/b?c=1&d=2#frag";',
    'if (x<=10&&y!==null){console.log(`value=${x*2}`)}',
    '#include <stdio.h>\nint main(void){printf("%d\\n", 42);return 0;}',
    'def f(x):\n    return [i ** 2 for i in range(x) if i % 3 == 0]\n',
  ].join('\n'),
  json: JSON.stringify(
    {
      id: 12345678901234,
      name: 'Zoë "the" Coder',
      tags: ['a', 'b', 'ç'],
      nested: { ok: true, value: 3.14159, empty: null, list: [1, 2, 3, 4000000] },
      path: 'C:\\Users\\zoe\\file.txt',
      unicode: '\u2028\u2029 ✓',
    },
    null,
    2,
  ),
  minifiedJson: '{"a":1,"bb":[true,false,null],"c":{"d":"e/f","g":-12.5e3},"h":"i\'j"}',
  numbers: '1234567890 3.14159265358979 1,000,000 2024-06-01T12:34:56Z 0xDEADBEEF 1e-9 ١٢٣٤٥ ⅫⅣ',
  specialTokens: 'text with <|endoftext|> and <|im_start|>user<|im_end|> and <|endofprompt|> inside',
  urlsAndPaths: 'https://github.com/openai/tiktoken/blob/main/src/lib.rs?plain=1#L120 /usr/local/bin/node ./a/../b',
  loneSurrogates: 'broken \ud83d pair and \ude00 alone, then fine 😀',
  controls: 'bell\u0007 nul\u0000 esc\u001b[31mred\u001b[0m del\u007f bom\ufeffhere',
  slashes: 'a.\n/b c/\n/d //\n// e:\n/f',
  repeated: `${'='.repeat(80)}\n${'-'.repeat(40)} ${'ab'.repeat(30)} ${'!?'.repeat(20)}`,
};

/** A long document made of the corpus, repeated, with the pieces in varying order. */
export function longDocument(minChars: number): string {
  const texts = Object.values(CORPUS);
  let document = '';
  for (let index = 0; document.length < minChars; index++) {
    document += `${texts[(index * 7) % texts.length]}\n`;
  }
  return document;
}
