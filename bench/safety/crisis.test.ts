import {expect, test} from 'vitest'
import {CRISIS_TARGETS, crisisSet, measureCrisis} from './crisis-set'
import {healthSet, measureHealthDetails} from './health-set'

// The labelled sets as a guard: a change to the phrase lists or the detector that costs
// recall or adds false positives fails here, with the sentences it got wrong.

test('the crisis set is large and balanced enough to mean something', () => {
  const set = [...crisisSet.tuning(), ...crisisSet.heldOut()]
  const count = (label: string) => set.filter((item) => item.label === label).length
  expect(set.length).toBeGreaterThanOrEqual(300)
  expect(count('crisis')).toBeGreaterThanOrEqual(80)
  expect(count('distress')).toBeGreaterThanOrEqual(80)
  expect(count('about')).toBeGreaterThanOrEqual(80)
  expect(count('ordinary')).toBeGreaterThanOrEqual(60)
  expect(crisisSet.heldOut().length / set.length).toBeGreaterThan(0.2)
})

test(`crisis language: recall ≥ ${CRISIS_TARGETS.recall} and false positives ≤ ${CRISIS_TARGETS.falsePositiveRate} on the whole set`, () => {
  const result = measureCrisis([...crisisSet.tuning(), ...crisisSet.heldOut()])
  expect(result.recall, `missed:\n${result.missed.map((item) => item.sentence).join('\n')}`).toBeGreaterThanOrEqual(CRISIS_TARGETS.recall)
  expect(result.falsePositiveRate, `false positives:\n${result.falsePositives.map((item) => item.sentence).join('\n')}`).toBeLessThanOrEqual(
    CRISIS_TARGETS.falsePositiveRate,
  )
})

test('personal health details: at least 60 sentences, recall ≥ 0.9, false positives ≤ 0.05', () => {
  const set = healthSet()
  expect(set.length).toBeGreaterThanOrEqual(60)
  const result = measureHealthDetails(set)
  expect(result.recall, result.missed.map((item) => item.sentence).join('\n')).toBeGreaterThanOrEqual(0.9)
  expect(result.falsePositiveRate, result.falsePositives.map((item) => item.sentence).join('\n')).toBeLessThanOrEqual(0.05)
})
