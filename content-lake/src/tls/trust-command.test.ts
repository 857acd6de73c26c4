import {expect, test} from 'vitest'
import {trustCommands, trustHint} from './trust-command'

const CA = '/home/dr wilder/.data/content-lake/tls/ca.pem'

test('Linux: the Debian/Ubuntu system store, Chromium’s NSS database and Node', () => {
  expect(trustCommands(CA, 'linux').map(({command}) => command)).toEqual([
    `sudo cp '${CA}' /usr/local/share/ca-certificates/life-in-balance-local-ca.crt && sudo update-ca-certificates`,
    `certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n "Life in Balance local CA" -i '${CA}'`,
    `export NODE_EXTRA_CA_CERTS='${CA}'`,
  ])
})

test('macOS: the system keychain, trusted as a root', () => {
  expect(trustCommands(CA, 'darwin')[0]!.command).toBe(`sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain '${CA}'`)
})

test('Windows: the user’s root store', () => {
  expect(trustCommands(CA, 'win32')[0]!.command).toBe(`certutil -user -addstore Root "${CA}"`)
})

test('quotes paths so a shell takes them literally', () => {
  const [debian] = trustCommands("/tmp/it's $HOME/ca.pem", 'linux')
  expect(debian!.command).toContain(`'/tmp/it'\\''s $HOME/ca.pem'`)
})

test('the printed hint names the CA file and every command', () => {
  const hint = trustHint(CA, 'linux')
  expect(hint).toContain(`(${CA})`)
  for (const {command} of trustCommands(CA, 'linux')) expect(hint).toContain(command)
})
