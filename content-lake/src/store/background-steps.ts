// How long the steps run before the event loop turns: what a query arriving meanwhile may wait.
const SLICE_MS = 5

/**
 * Runs `step` until it says it is done, a few milliseconds of steps per turn of the event loop,
 * so that requests and queries are answered between them (an index built in the background).
 * Each turn is a referenced immediate: an unreferenced one does not wake an idle event loop, so
 * a query worker waiting for its next query would make no progress at all, and the next query
 * would pay for it.
 */
export function inBackgroundSteps(step: () => 'done' | 'more'): void {
  const slice = () => {
    const until = performance.now() + SLICE_MS
    do {
      if (step() === 'done') return
    } while (performance.now() < until)
    setImmediate(slice)
  }
  setImmediate(slice)
}
