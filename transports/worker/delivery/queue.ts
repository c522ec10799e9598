/**
 * A bounded FIFO per destination. `offer` refuses when full (the caller
 * spools the overflow); `pushFront` and `pushAll` ignore the bound for
 * entries that are already accounted for (a returned batch, a replayed segment).
 */
export class BoundedQueue<T> {
  private items: T[] = []
  private head = 0
  private sizeBytes = 0

  constructor(
    readonly capacity: number,
    private readonly sizeOf: (item: T) => number = () => 0,
  ) {}

  get length(): number {
    return this.items.length - this.head
  }

  get bytes(): number {
    return this.sizeBytes
  }

  get full(): boolean {
    return this.length >= this.capacity
  }

  offer(item: T): boolean {
    if (this.full) return false
    this.items.push(item)
    this.sizeBytes += this.sizeOf(item)
    return true
  }

  pushAll(items: Iterable<T>): void {
    for (const item of items) {
      this.items.push(item)
      this.sizeBytes += this.sizeOf(item)
    }
  }

  peek(): T | undefined {
    return this.items[this.head]
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined
    const item = this.items[this.head] as T
    this.items[this.head] = undefined as T
    this.head++
    this.sizeBytes -= this.sizeOf(item)
    if (this.head === this.items.length) {
      this.items = []
      this.head = 0
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }

  /** removes and returns everything, oldest first */
  drain(): T[] {
    const out = this.items.slice(this.head)
    this.items = []
    this.head = 0
    this.sizeBytes = 0
    return out
  }
}
