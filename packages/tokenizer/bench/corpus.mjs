/**
 * Deterministic bench inputs: a mixed-language document of a given size and a long conversation. A seeded PRNG
 * varies the words so the text is not one paragraph repeated (some tokenizers cache repeated pieces).
 */

function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = {
  english:
    'the of and to in is was for on that with as by at from his her they this which but not are have one had all were when there can an your more would their what out if about who will some them other time into has two could'.split(
      ' ',
    ),
  german: 'und die der das ist nicht mit sich auf für Straßenbahn Übergrößenträger Fußgängerzone Mädchen über'.split(
    ' ',
  ),
  french: 'le la les des est une pour dans avec être très déjà où naïve façon élève garçon théâtre'.split(' '),
  russian: 'и в не на я что быть с он как это по но они к у ты из мы за вы так же от сказать'.split(' '),
  arabic: 'في من على إلى أن هذا التي الذي مع كان عن ما لا هو هي'.split(' '),
  hindi: 'और का की है में के को से यह एक पर भी नहीं हैं था कि'.split(' '),
  chinese: '我们 你们 他们 机器 学习 人工 智能 数据 计算 模型 语言 中国 北京 上海 时间 问题'.split(' '),
  japanese: 'これは テスト です 日本語 カタカナ ひらがな 東京 大阪 学校 先生'.split(' '),
  korean: '안녕하세요 감사합니다 한국어 문장 서울 부산 학교 선생님'.split(' '),
  emoji: '👍 🚀 😀 👨‍👩‍👧‍👦 🇫🇷 ❤️ 🎉 ✨ 👍🏽 🤖'.split(' '),
};

const CODE = [
  'function add(a, b) {\n  return a + b; // sum\n}\n',
  'const result = await fetch(`https://api.example.com/v1/items?page=$' + '{page}`);\n',
  'for (let i = 0; i < items.length; i++) {\n\tif (items[i].ok) count++;\n}\r\n',
  'def mean(xs):\n    return sum(xs) / len(xs) if xs else 0.0\n',
  'SELECT id, name FROM users WHERE created_at > NOW() - INTERVAL 7 DAY ORDER BY id;\n',
];

function sentence(random, language, length) {
  const words = WORDS[language];
  const parts = [];
  for (let index = 0; index < length; index++) parts.push(words[Math.floor(random() * words.length)]);
  const separator = language === 'chinese' || language === 'japanese' ? '' : ' ';
  const end = language === 'chinese' || language === 'japanese' ? '。' : '. ';
  return parts.join(separator) + end;
}

function jsonLine(random) {
  return `${JSON.stringify({
    id: Math.floor(random() * 1e9),
    name: `item-${Math.floor(random() * 1000)}`,
    price: Math.round(random() * 10000) / 100,
    tags: ['a', 'b', 'ç'].slice(0, 1 + Math.floor(random() * 3)),
    ok: random() > 0.5,
  })}\n`;
}

/** A document of at least `bytes` UTF-8 bytes mixing prose in ten scripts, code, JSON, emoji and CRLF lines. */
export function mixedDocument(bytes, seed = 42) {
  const random = prng(seed);
  const languages = Object.keys(WORDS);
  const chunks = [];
  let size = 0;
  while (size < bytes) {
    const pick = random();
    let chunk;
    if (pick < 0.6)
      chunk = sentence(random, languages[Math.floor(random() * languages.length)], (6 + random() * 20) | 0);
    else if (pick < 0.8) chunk = CODE[Math.floor(random() * CODE.length)];
    else if (pick < 0.95) chunk = jsonLine(random);
    else chunk = random() > 0.5 ? '\r\n\r\n' : '\n\n';
    chunks.push(chunk);
    size += Buffer.byteLength(chunk);
  }
  return chunks.join('');
}

/** A conversation of `turns` messages after a system prompt, alternating user and assistant, 40-160 words each. */
export function conversation(turns, seed = 7) {
  const random = prng(seed);
  const messages = [{ role: 'system', content: 'You are a helpful assistant. Answer briefly and cite sources.' }];
  for (let turn = 0; turn < turns; turn++) {
    let content = '';
    while (content.length < 200 + random() * 700)
      content += sentence(random, random() > 0.3 ? 'english' : 'french', 12);
    if (random() > 0.8) content += `\n\n\`\`\`js\n${CODE[Math.floor(random() * CODE.length)]}\`\`\``;
    messages.push({ role: turn % 2 === 0 ? 'user' : 'assistant', content });
  }
  return messages;
}
