// The tokenizer on its own: counts and costs without any provider installed.
import { countTokens, estimateCost } from '@switchboard/tokenizer';

const tokens = countTokens('Hello, world! Switchboard counts tokens exactly.', { model: 'gpt-4o' });
if (tokens !== 10) throw new Error(`expected 10 tokens, counted ${tokens}`);
const cost = estimateCost({ inputTokens: 1_000_000, outputTokens: 0, totalTokens: 1_000_000 }, { model: 'gpt-4o' });
console.log(`tokens: ${tokens} | 1M gpt-4o input tokens: $${cost.totalUsd.toFixed(2)}`);
