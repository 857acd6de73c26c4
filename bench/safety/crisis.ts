import {formatMeasurement} from './labelled-set'
import {CRISIS_TARGETS, crisisSet, measureCrisis} from './crisis-set'

/**
 * `npm run bench:crisis` (or `npx tsx bench/safety/crisis.ts`): the crisis-language check's
 * recall on crisis sentences and false-positive rate on the rest, for the tuning part, the
 * held-out part and both, with every misclassified sentence. Exits non-zero below the targets.
 */

const tuning = crisisSet.tuning()
const heldOut = crisisSet.heldOut()
const parts = [
  ['Tuning part', tuning],
  ['Held-out part', heldOut],
  ['Whole set', [...tuning, ...heldOut]],
] as const
let met = true
for (const [title, set] of parts) {
  const result = measureCrisis(set)
  console.log(formatMeasurement(`${title} (${set.length} sentences)`, result), '\n')
  met &&= result.recall >= CRISIS_TARGETS.recall && result.falsePositiveRate <= CRISIS_TARGETS.falsePositiveRate
}
console.log(`Targets: recall ≥ ${CRISIS_TARGETS.recall}, false positives ≤ ${CRISIS_TARGETS.falsePositiveRate}: ${met ? 'met' : 'NOT met'}`)
process.exitCode = met ? 0 : 1
