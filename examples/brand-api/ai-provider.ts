/**
 * A stand-in for the AI providers (Anthropic, Google, fal, ...): deterministic,
 * in-process, no network. Answers look like the real SDKs' (usage in
 * `input_tokens` / `output_tokens`, image and video URLs), so the code around
 * it is the code a real service would write.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { ProviderUnavailableError } from './errors.js'

export interface TextReply {
  model: string
  lines: string[]
  usage: { input_tokens: number; output_tokens: number }
}

export interface ImageReply {
  model: string
  images: Array<{ url: string }>
}

export interface VideoReply {
  model: string
  video: { url: string; seconds: number }
}

export interface FakeProviderOptions {
  /** simulated latency of a text call (ms); default 10 */
  textLatencyMs?: number
  /** simulated latency of an image call (ms); default 25 */
  imageLatencyMs?: number
  /** simulated latency of a video call (ms); default 40 */
  videoLatencyMs?: number
  /** every Nth image call answers 503 (0: never); default 0 */
  failEveryNthImageCall?: number
}

/** A stable small number from a text, so the same prompt always costs the same. */
function weight(text: string): number {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0
  return h % 97
}

export class FakeAIProvider {
  readonly #options: Required<FakeProviderOptions>
  #imageCalls = 0
  #assets = 0

  constructor(options: FakeProviderOptions = {}) {
    this.#options = {
      textLatencyMs: options.textLatencyMs ?? 10,
      imageLatencyMs: options.imageLatencyMs ?? 25,
      videoLatencyMs: options.videoLatencyMs ?? 40,
      failEveryNthImageCall: options.failEveryNthImageCall ?? 0,
    }
  }

  /** `count` lines of text for `prompt` (brand names, palette colours, ...). */
  async complete(model: string, prompt: string, count: number, make: (i: number) => string): Promise<TextReply> {
    await delay(this.#options.textLatencyMs)
    const lines = Array.from({ length: count }, (_, i) => make(i))
    return {
      model,
      lines,
      usage: { input_tokens: 180 + prompt.length * 3 + weight(prompt), output_tokens: 40 + count * 12 + weight(model) },
    }
  }

  async generateImages(model: string, prompt: string, count: number): Promise<ImageReply> {
    await delay(this.#options.imageLatencyMs)
    this.#imageCalls++
    const every = this.#options.failEveryNthImageCall
    if (every > 0 && this.#imageCalls % every === 0) {
      throw new ProviderUnavailableError(`${model} is overloaded (503): retry later`)
    }
    return { model, images: Array.from({ length: count }, () => ({ url: `https://cdn.example.com/${model}/${this.#nextAsset()}.png` })) }
  }

  async generateVideo(model: string, prompt: string, seconds: number): Promise<VideoReply> {
    await delay(this.#options.videoLatencyMs)
    return { model, video: { url: `https://cdn.example.com/${model}/${this.#nextAsset()}.mp4`, seconds } }
  }

  #nextAsset(): string {
    this.#assets++
    return `asset-${this.#assets}`
  }
}
