import {expect, test} from 'vitest'
import {compilePhrase, findPhrases} from './phrase-list'
import {normaliseText, sentences} from './text'

const says = (phrase: string, text: string) => findPhrases(text, [compilePhrase(phrase)]).map((match) => match.text)

test('a/b is either word; [a] may be missing; … is up to three other words; whole words only', () => {
  expect(says('kill/hurt myself', 'i might hurt myself')).toEqual(['hurt myself'])
  expect(says('end my [own] life', 'end my own life, end my life')).toEqual(['end my own life', 'end my life'])
  expect(says('[just/really] want to die', 'really want to die')).toEqual(['really want to die'])
  expect(says("i'm going to … hurt him", "i'm going to go and hurt him")).toEqual(["i'm going to go and hurt him"])
  expect(says("i'm going to … hurt him", "i'm going to go out and then hurt him")).toEqual([])
  expect(says('cut myself', 'uncut myselfie')).toEqual([])
  expect(() => compilePhrase('… alone')).toThrow(/gap/)
})

test('text is read in one spelling: case, curly quotes and apostrophes, contractions, spaces', () => {
  expect(normaliseText('I  DO NOT want to be here any more')).toBe("i don't want to be here anymore")
  expect(normaliseText('I’m gonna… dont')).toBe("i'm going to… don't")
  expect(normaliseText('She said “I want to die” and ‘I can’t’')).toBe('she said "i want to die" and "i can\'t"')
  expect(normaliseText('self-harm')).toBe('self harm')
  expect(sentences('one. two; three\nfour')).toEqual(['one.', 'two;', 'three', 'four'])
})
