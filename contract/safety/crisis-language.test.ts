import {expect, test} from 'vitest'
import {assessCrisisLanguage} from './crisis-language'

const crisis = (text: string) => assessCrisisLanguage(text).crisis

test('what a reader in crisis writes, directly or not, is found, with its category', () => {
  expect(assessCrisisLanguage("I don't want to be here anymore.").categories).toEqual(['suicidal-ideation'])
  expect(assessCrisisLanguage('Everyone would be better off without me.').categories).toEqual(['suicidal-ideation'])
  expect(assessCrisisLanguage("I've been cutting again").categories).toEqual(['self-harm'])
  expect(assessCrisisLanguage("I'm going to hurt him").categories).toEqual(['harm-to-others'])
  expect(crisis('i dont wanna live anymore')).toBe(true)
  expect(crisis('I DO NOT want to be alive any more')).toBe(true)
})

test('talk about the topic, idioms and everyday distress are not crisis', () => {
  for (const text of [
    'September is suicide prevention month.',
    'This post killed me.',
    "I'm dying to read more.",
    'How do I talk to my son about self-harm?',
    "I'm going to kill it at my interview!",
    'I feel so alone since my mum passed.',
    "I'm cutting back on caffeine.",
  ]) {
    expect(assessCrisisLanguage(text), text).toMatchObject({crisis: false, categories: []})
  }
})

test('a phrase that is negated, quoted, idiomatic or in the past is reported as such and does not count', () => {
  expect(assessCrisisLanguage("I'm not going to kill myself, I just needed to vent.")).toMatchObject({
    crisis: false,
    findings: [
      {
        category: 'suicidal-ideation',
        phrase: 'kill/killing/hang/hanging/drown/drowning/poison/poisoning/shoot/shooting myself',
        negated: true,
        quoted: false,
        idiomatic: false,
        past: false,
      },
    ],
  })
  expect(assessCrisisLanguage('The article says “I want to die” can be a warning sign.')).toMatchObject({
    crisis: false,
    findings: [{quoted: true, negated: false}],
  })
  expect(assessCrisisLanguage('Your cat stories, I kill myself laughing every time.')).toMatchObject({crisis: false, findings: [{idiomatic: true}]})
  expect(assessCrisisLanguage('I used to cut myself as a teenager.')).toMatchObject({crisis: false, findings: [{past: true}]})
})

test('the scope of a negation, quotation or past ends with its sentence or clause', () => {
  expect(crisis("I'm not okay, I want to kill myself.")).toBe(true)
  expect(crisis('She wrote "hang in there". I want to die.')).toBe(true)
  expect(crisis('I used to cut myself and I started again today.')).toBe(true)
  expect(crisis('Years ago I wanted to die; now I want to kill myself again.')).toBe(true)
})
