import path from 'node:path'
import {assessCrisisLanguage} from '../../contract/safety/crisis-language'
import {type LabelledSentence, measure, readLabelledSet} from './labelled-set'

/** The crisis-language set (crisis, distress, about, ordinary) and how it is measured. */

export const CRISIS_TARGETS = {recall: 0.95, falsePositiveRate: 0.05}

const here = import.meta.dirname

export const crisisSet = {
  tuning: () => readLabelledSet(path.join(here, 'crisis-tuning.tsv')),
  heldOut: () => readLabelledSet(path.join(here, 'crisis-held-out.tsv')),
}

export function measureCrisis(set: readonly LabelledSentence[]) {
  return measure(
    set,
    (label) => label === 'crisis',
    (sentence) => assessCrisisLanguage(sentence).crisis,
  )
}
