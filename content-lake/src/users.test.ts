import fs from 'node:fs'
import path from 'node:path'
import {afterEach, expect, test, vi} from 'vitest'
import {temporaryDataDir} from '../test/lake-process'
import {LiveTokens} from './live-tokens'
import {digestToken, readTokens} from './tokens'
import {addUser, readUsers, removeUser, usersFile} from './users'

afterEach(() => {
  vi.restoreAllMocks()
})

test('adding a user keeps only the digest of a token long enough for a Studio link; removing takes it out', () => {
  const file = usersFile(temporaryDataDir())
  const token = addUser(file, 'alex', 'editor')
  expect(token.length).toBeGreaterThanOrEqual(32)
  const text = fs.readFileSync(file, 'utf8')
  expect(text).not.toContain(token)
  expect(fs.statSync(file).mode & 0o777).toBe(0o600)
  expect(readUsers(file).map(({name, role, userId}) => ({name, role, userId}))).toEqual([{name: 'alex', role: 'editor', userId: 'p-local-alex'}])
  expect(readUsers(file)[0]!.digest.equals(digestToken(token))).toBe(true)

  expect(() => addUser(file, 'alex', 'viewer')).toThrow(/already a user "alex"/)
  expect(() => addUser(file, 'administrator', 'editor')).toThrow(/CONTENT_LAKE_TOKEN's user/)
  expect(() => addUser(file, 'Alex Smith', 'editor')).toThrow(/lower-case letters, digits and dashes/)
  expect(removeUser(file, 'nobody')).toBe(false)
  expect(removeUser(file, 'alex')).toBe(true)
  expect(readUsers(file)).toEqual([])
})

test('a running lake sees users come and go, keeps its users when the file breaks, and never lets a user take a setting’s name', () => {
  const dataDir = temporaryDataDir()
  const file = usersFile(dataDir)
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const configured = readTokens('administrator-token-0123456789', undefined)
  const live = new LiveTokens(configured, file)
  const names = (now: number) => live.current(now).map((token) => token.name)
  expect(names(0)).toEqual(['administrator'])

  addUser(file, 'alex', 'editor')
  // Looked at no more than once a second.
  expect(names(500)).toEqual(['administrator'])
  expect(names(1_000)).toEqual(['administrator', 'alex'])

  fs.writeFileSync(file, '[{"name": ')
  expect(names(2_000)).toEqual(['administrator', 'alex'])
  expect(error).toHaveBeenCalledWith(expect.stringContaining('the previous users stay signed in'))

  fs.writeFileSync(file, JSON.stringify([{name: 'administrator', role: 'administrator', sha256: 'a'.repeat(64)}]))
  expect(names(3_000)).toEqual(['administrator'])
  expect(error).toHaveBeenCalledWith(expect.stringContaining(`The users file's "administrator" is left out`))

  fs.rmSync(path.join(dataDir, 'users.json'))
  expect(names(4_000)).toEqual(['administrator'])
})
