import {formatMeasurement} from './labelled-set'
import {healthSet, measureHealthDetails} from './health-set'

/**
 * `npm run bench:health-details` (or `npx tsx bench/safety/health.ts`): how often the
 * personal-health-details check finds what a sentence discloses, and how often it warns
 * about a sentence that discloses nothing, with every misclassified sentence.
 */

const set = healthSet()
console.log(formatMeasurement(`Personal health details (${set.length} sentences)`, measureHealthDetails(set)))
