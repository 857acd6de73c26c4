/**
 * Runs `step` until it says it is done, one step per turn of the event loop, so that requests
 * and queries are answered between steps (an index built in the background). Each turn is a
 * referenced immediate: an unreferenced one does not wake an idle event loop, so a query worker
 * waiting for its next query would make no progress at all, and the next query would pay for it.
 */
export function inBackgroundSteps(step: () => 'done' | 'more'): void {
  const next = () => {
    if (step() === 'more') setImmediate(next)
  }
  setImmediate(next)
}
