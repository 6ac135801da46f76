/** True for the GPT image models (`gpt-image-1`, `gpt-image-1-mini`, ...), which always return bytes. */
export function isGptImageModel(model: string): boolean {
  return /^(gpt-image|chatgpt-image)/.test(model);
}
