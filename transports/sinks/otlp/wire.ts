/**
 * The protobuf wire format, as much of it as OTLP logs use: varints, fixed64,
 * doubles, strings, bytes and length-delimited sub-messages, written into one
 * growing buffer (no object per field). A sub-message is opened with `fork`,
 * which reserves one byte for its length, and closed with `close`, which
 * writes the length and moves the body when the length needs more bytes.
 * See https://protobuf.dev/programming-guides/encoding/.
 */

const VARINT = 0
const FIXED64 = 1
const LENGTH_DELIMITED = 2

const TWO_64 = 1n << 64n

export class ProtoWriter {
  private buf: Buffer
  private pos = 0

  constructor(initialBytes = 512) {
    this.buf = Buffer.allocUnsafe(initialBytes)
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra))
    this.buf.copy(next, 0, 0, this.pos)
    this.buf = next
  }

  /** an unsigned integer up to 2^53 */
  private varint(value: number): void {
    this.ensure(10)
    let v = value
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80
      v = Math.floor(v / 0x80)
    }
    this.buf[this.pos++] = v
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire)
  }

  uint(field: number, value: number): void {
    this.tag(field, VARINT)
    this.varint(value)
  }

  bool(field: number, value: boolean): void {
    this.uint(field, value ? 1 : 0)
  }

  /** int64: a negative value is written as its 64-bit two's complement (ten bytes) */
  int64(field: number, value: number): void {
    if (value >= 0) return this.uint(field, value)
    this.tag(field, VARINT)
    let v = BigInt(value) + TWO_64
    this.ensure(10)
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80
      v >>= 7n
    }
    this.buf[this.pos++] = Number(v)
  }

  fixed64(field: number, value: bigint): void {
    this.tag(field, FIXED64)
    this.ensure(8)
    this.buf.writeBigUInt64LE(value, this.pos)
    this.pos += 8
  }

  double(field: number, value: number): void {
    this.tag(field, FIXED64)
    this.ensure(8)
    this.buf.writeDoubleLE(value, this.pos)
    this.pos += 8
  }

  string(field: number, value: string): void {
    const length = Buffer.byteLength(value)
    this.tag(field, LENGTH_DELIMITED)
    this.varint(length)
    this.ensure(length)
    this.pos += this.buf.write(value, this.pos, 'utf8')
  }

  bytes(field: number, value: Uint8Array): void {
    this.tag(field, LENGTH_DELIMITED)
    this.varint(value.length)
    this.ensure(value.length)
    this.buf.set(value, this.pos)
    this.pos += value.length
  }

  /** opens sub-message `field`; pass the result to `close` once its fields are written */
  fork(field: number): number {
    this.tag(field, LENGTH_DELIMITED)
    this.ensure(1)
    this.pos += 1
    return this.pos
  }

  close(start: number): void {
    const length = this.pos - start
    let size = 1
    for (let v = length; v >= 0x80; v = Math.floor(v / 0x80)) size++
    if (size > 1) {
      this.ensure(size - 1)
      this.buf.copyWithin(start + size - 1, start, this.pos)
      this.pos += size - 1
    }
    let at = start - 1
    let v = length
    while (v >= 0x80) {
      this.buf[at++] = (v % 0x80) | 0x80
      v = Math.floor(v / 0x80)
    }
    this.buf[at] = v
  }

  /** a copy of what was written */
  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos))
  }
}

/**
 * Reads the varint and length-delimited fields of one message (enough for
 * OTLP's export response); other wire types are skipped.
 */
export function readFields(data: Uint8Array): Map<number, (number | Uint8Array)[]> {
  const fields = new Map<number, (number | Uint8Array)[]>()
  let pos = 0
  const varint = (): number => {
    let value = 0
    let scale = 1
    for (;;) {
      if (pos >= data.length) throw new Error('truncated varint')
      const byte = data[pos++] as number
      value += (byte & 0x7f) * scale
      if (byte < 0x80) return value
      scale *= 0x80
    }
  }
  while (pos < data.length) {
    const key = varint()
    const field = Math.floor(key / 8)
    const wire = key % 8
    let value: number | Uint8Array
    if (wire === VARINT) value = varint()
    else if (wire === LENGTH_DELIMITED) {
      const length = varint()
      value = data.subarray(pos, pos + length)
      pos += length
    } else if (wire === FIXED64) {
      pos += 8
      continue
    } else if (wire === 5) {
      pos += 4
      continue
    } else throw new Error(`unsupported wire type ${wire}`)
    const list = fields.get(field) ?? []
    list.push(value)
    fields.set(field, list)
  }
  return fields
}
