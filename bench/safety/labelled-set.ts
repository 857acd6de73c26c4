import fs from 'node:fs'
import path from 'node:path'

/**
 * The labelled sentences the safety detectors are measured on: tab-separated files, one
 * "label<TAB>sentence" a line, "#" lines are comments. Each file is a part of a set (the part
 * used while tuning, the part held out).
 */

export interface LabelledSentence {
  label: string
  sentence: string
  /** Where it is written, for the list of misclassified sentences. */
  line: string
}

export function readLabelledSet(file: string): LabelledSentence[] {
  const name = path.basename(file)
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, index) => {
      if (!text.trim() || text.startsWith('#')) return []
      const [label, sentence, ...rest] = text.split('\t')
      if (!label || !sentence || rest.length > 0) throw new Error(`${name}:${index + 1}: expected "label<TAB>sentence"`)
      return [{label, sentence, line: `${name}:${index + 1}`}]
    })
}

export interface Measurement {
  /** Sentences labelled positive that the detector found, out of all positives. */
  recall: number
  /** Sentences labelled otherwise that the detector found, out of all of them. */
  falsePositiveRate: number
  positives: number
  negatives: number
  missed: LabelledSentence[]
  falsePositives: LabelledSentence[]
}

/** Recall on the sentences with a positive label and the false-positive rate on the rest. */
export function measure(set: readonly LabelledSentence[], isPositive: (label: string) => boolean, detects: (sentence: string) => boolean): Measurement {
  const missed: LabelledSentence[] = []
  const falsePositives: LabelledSentence[] = []
  let positives = 0
  for (const item of set) {
    const found = detects(item.sentence)
    if (isPositive(item.label)) {
      positives += 1
      if (!found) missed.push(item)
    } else if (found) falsePositives.push(item)
  }
  const negatives = set.length - positives
  return {
    recall: positives ? (positives - missed.length) / positives : 1,
    falsePositiveRate: negatives ? falsePositives.length / negatives : 0,
    positives,
    negatives,
    missed,
    falsePositives,
  }
}

export function formatMeasurement(title: string, result: Measurement): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`
  const lines = [
    `${title}: recall ${percent(result.recall)} (${result.positives - result.missed.length}/${result.positives}), false positives ${percent(result.falsePositiveRate)} (${result.falsePositives.length}/${result.negatives})`,
    ...result.missed.map((item) => `  missed          ${item.line}  [${item.label}] ${item.sentence}`),
    ...result.falsePositives.map((item) => `  false positive  ${item.line}  [${item.label}] ${item.sentence}`),
  ]
  return lines.join('\n')
}
