/** No room left in the queue: the caller should answer "busy" rather than wait. */
export class RenderQueueFullError extends Error {
  override name = 'RenderQueueFullError'
}

/**
 * Runs at most `concurrency` renders at once; at most `maxWaiting` more wait their turn, for at
 * most `maxWaitMs` each, and any beyond are refused at once (RenderQueueFullError), so a flood of
 * distinct transforms costs bounded CPU and memory, and every request is answered in bounded time.
 */
export class RenderQueue {
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly maxWaitMs: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) {
      this.running++
    } else {
      if (this.waiting.length >= this.maxWaiting) throw new RenderQueueFullError('Too many images are being rendered')
      // The finishing task hands its place over: `running` stays as it is.
      await new Promise<void>((resolve, reject) => {
        const start = () => {
          clearTimeout(gaveUp)
          resolve()
        }
        const gaveUp = setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(start), 1)
          reject(new RenderQueueFullError(`No image render could start within ${this.maxWaitMs} ms`))
        }, this.maxWaitMs)
        this.waiting.push(start)
      })
    }
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }
}
