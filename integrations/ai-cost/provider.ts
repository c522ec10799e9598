/** The provider of a model id, by its family prefix, for calls that do not name one. */
const FAMILIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^claude/i, 'anthropic'],
  [/^(gemini|veo|imagen)/i, 'google'],
  [/^(gpt|o\d|dall-e|sora|text-embedding|whisper|tts)/i, 'openai'],
  [/^flux/i, 'fal'],
  [/^ideogram/i, 'ideogram'],
  [/^(mistral|codestral|pixtral)/i, 'mistral'],
  [/^(llama)/i, 'meta'],
]

export function providerOf(model: string): string {
  for (const [pattern, provider] of FAMILIES) if (pattern.test(model)) return provider
  return 'unknown'
}
