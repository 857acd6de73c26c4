import {formatMeasurement} from './labelled-set'
import {CRISIS_TARGETS, crisisSet, measureCrisis} from './crisis-set'

/**
 * `npm run bench:crisis` (or `npx tsx bench/safety/crisis.ts`): the crisis-language check's
 * recall on crisis sentences and false-positive rate on the rest, for the tuning part, the
 * held-out part and both, with every misclassified sentence. Exits non-zero when the whole
 * set is below the targets (the held-out part shows how well the lists carry over to sentences
 * they were not tuned on; it is too small to hold to the targets alone).
 */

const tuning = crisisSet.tuning()
const heldOut = crisisSet.heldOut()
const parts = [
  ['Tuning part', tuning],
  ['Held-out part', heldOut],
  ['Whole set', [...tuning, ...heldOut]],
] as const
let whole = measureCrisis([])
for (const [title, set] of parts) {
  whole = measureCrisis(set)
  console.log(formatMeasurement(`${title} (${set.length} sentences)`, whole), '\n')
}
const met = whole.recall >= CRISIS_TARGETS.recall && whole.falsePositiveRate <= CRISIS_TARGETS.falsePositiveRate
console.log(`Targets on the whole set: recall ≥ ${CRISIS_TARGETS.recall}, false positives ≤ ${CRISIS_TARGETS.falsePositiveRate}: ${met ? 'met' : 'NOT met'}`)
process.exitCode = met ? 0 : 1
