import path from 'node:path'
import {findHealthDetails} from '../../contract/safety/health-details'
import {type LabelledSentence, measure, readLabelledSet} from './labelled-set'

/** The personal-health-details set and how it is measured (any kind found counts). */

export const HEALTH_CLINICIANS = ['Dr. Jami Wilder', 'Sam Okafor']

export const healthSet = () => readLabelledSet(path.join(import.meta.dirname, 'health-details.tsv'))

export function measureHealthDetails(set: readonly LabelledSentence[]) {
  return measure(
    set,
    (label) => label !== 'none',
    (sentence) => findHealthDetails(sentence, HEALTH_CLINICIANS).length > 0,
  )
}
