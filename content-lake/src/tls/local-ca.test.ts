import {X509Certificate} from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import tls from 'node:tls'
import {afterEach, describe, expect, test} from 'vitest'
import {LOOPBACK_HOSTNAMES} from '../config'
import {CA_VALIDITY_DAYS, SERVER_VALIDITY_DAYS} from './certificates'
import {ensureLocalTls, tlsPaths, type LocalTls} from './local-ca'

const DAY_MS = 24 * 60 * 60 * 1000

function temporaryDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'content-lake-tls-'))
}

function fingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256
}

function daysAgo(days: number): Date {
  return new Date(Date.now() - days * DAY_MS)
}

const servers: tls.Server[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

/** A TLS server with the certificate, on loopback. */
async function serve(material: LocalTls): Promise<number> {
  const server = tls.createServer({cert: material.cert, key: material.key}, (socket) => socket.end())
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as {port: number}).port
}

/** Connects the way a client that trusts only `ca` does, and says whether it was accepted. */
function handshake(port: number, options: {ca?: string; servername?: string}): Promise<{authorized: boolean; error?: string}> {
  return new Promise((resolve) => {
    const socket = tls.connect({host: '127.0.0.1', port, ...options})
    socket.once('secureConnect', () => {
      resolve({authorized: socket.authorized})
      socket.destroy()
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve({authorized: false, error: error.code}))
  })
}

describe('ensureLocalTls', () => {
  test('creates a CA and a server certificate once, then reuses both', async () => {
    const dir = temporaryDir()
    const first = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    expect(first.caCreated).toBe(true)
    expect(first.caPath).toBe(path.join(dir, 'ca.pem'))
    expect(fs.readFileSync(first.caPath, 'utf8')).toBe(first.ca)

    const second = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    expect(second.caCreated).toBe(false)
    expect(fingerprint(second.ca)).toBe(fingerprint(first.ca))
    expect(fingerprint(second.cert)).toBe(fingerprint(first.cert))
    expect(second.key).toBe(first.key)
  })

  test('keeps the private keys readable by their owner only', async () => {
    const dir = temporaryDir()
    await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    const paths = tlsPaths(dir)
    expect(fs.statSync(paths.caKey).mode & 0o777).toBe(0o600)
    expect(fs.statSync(paths.serverKey).mode & 0o777).toBe(0o600)
  })

  test('makes a ten-year root CA and a server certificate browsers accept', async () => {
    const material = await ensureLocalTls({dir: temporaryDir(), hostnames: LOOPBACK_HOSTNAMES})
    const ca = new X509Certificate(material.ca)
    const server = new X509Certificate(material.cert)
    const days = (cert: X509Certificate) => (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / DAY_MS
    expect(ca.ca).toBe(true)
    expect(Math.round(days(ca))).toBe(CA_VALIDITY_DAYS)
    expect(server.ca).toBe(false)
    expect(server.checkIssued(ca)).toBe(true)
    expect(days(server)).toBeLessThan(398)
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1'])
  })

  test('the server certificate verifies against the CA for localhost, 127.0.0.1 and ::1', async () => {
    const material = await ensureLocalTls({dir: temporaryDir(), hostnames: LOOPBACK_HOSTNAMES})
    const port = await serve(material)
    expect(await handshake(port, {ca: material.ca, servername: 'localhost'})).toEqual({authorized: true})
    // No servername: the client checks the IP address it dialled against the IP subjectAltNames.
    expect(await handshake(port, {ca: material.ca})).toEqual({authorized: true})
    // The same identity check a client dialling [::1] makes.
    expect(tls.checkServerIdentity('::1', new X509Certificate(material.cert).toLegacyObject())).toBeUndefined()
  })

  test('the server certificate is refused without the CA, and for names it does not cover', async () => {
    const material = await ensureLocalTls({dir: temporaryDir(), hostnames: LOOPBACK_HOSTNAMES})
    const port = await serve(material)
    expect(await handshake(port, {servername: 'localhost'})).toMatchObject({authorized: false})
    expect(await handshake(port, {ca: material.ca, servername: 'example.com'})).toEqual({
      authorized: false,
      error: 'ERR_TLS_CERT_ALTNAME_INVALID',
    })
  })

  test('renews a server certificate that expires within 30 days, keeping the CA', async () => {
    const dir = temporaryDir()
    const old = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES, now: daysAgo(SERVER_VALIDITY_DAYS - 20)})
    const renewed = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    expect(renewed.caCreated).toBe(false)
    expect(fingerprint(renewed.ca)).toBe(fingerprint(old.ca))
    expect(fingerprint(renewed.cert)).not.toBe(fingerprint(old.cert))
    expect(fs.readFileSync(tlsPaths(dir).serverCert, 'utf8')).toBe(renewed.cert)
    expect(await handshake(await serve(renewed), {ca: renewed.ca, servername: 'localhost'})).toEqual({authorized: true})
  })

  test('renews an expiring CA, and the server certificate with it', async () => {
    const dir = temporaryDir()
    const old = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES, now: daysAgo(CA_VALIDITY_DAYS - 20)})
    const renewed = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    expect(renewed.caCreated).toBe(true)
    expect(fingerprint(renewed.ca)).not.toBe(fingerprint(old.ca))
    expect(fingerprint(renewed.cert)).not.toBe(fingerprint(old.cert))
    expect(await handshake(await serve(renewed), {ca: renewed.ca, servername: 'localhost'})).toEqual({authorized: true})
  })

  test('reissues the server certificate when a configured hostname is not covered', async () => {
    const dir = temporaryDir()
    const old = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    const hostnames = [...LOOPBACK_HOSTNAMES, 'lake.test', '192.0.2.7']
    const renewed = await ensureLocalTls({dir, hostnames})
    expect(fingerprint(renewed.ca)).toBe(fingerprint(old.ca))
    expect(fingerprint(renewed.cert)).not.toBe(fingerprint(old.cert))
    expect(new X509Certificate(renewed.cert).subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:lake.test, IP Address:192.0.2.7',
    )
    expect(fingerprint((await ensureLocalTls({dir, hostnames})).cert)).toBe(fingerprint(renewed.cert))
  })

  test('reissues a missing or unreadable server certificate with the same CA', async () => {
    const dir = temporaryDir()
    const paths = tlsPaths(dir)
    const old = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    fs.rmSync(paths.serverCert)
    const afterMissing = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    fs.writeFileSync(paths.serverCert, 'not a certificate')
    const afterGarbage = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    expect(afterMissing.caCreated || afterGarbage.caCreated).toBe(false)
    expect(fingerprint(afterGarbage.ca)).toBe(fingerprint(old.ca))
    expect(new Set([old.cert, afterMissing.cert, afterGarbage.cert]).size).toBe(3)
    expect(new X509Certificate(afterGarbage.cert).checkIssued(new X509Certificate(old.ca))).toBe(true)
  })

  test('replaces a server certificate that another CA signed', async () => {
    const dir = temporaryDir()
    const ours = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    const foreign = await ensureLocalTls({dir: temporaryDir(), hostnames: LOOPBACK_HOSTNAMES})
    fs.writeFileSync(tlsPaths(dir).serverCert, foreign.cert)
    fs.writeFileSync(tlsPaths(dir).serverKey, foreign.key)
    const repaired = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    expect(fingerprint(repaired.ca)).toBe(fingerprint(ours.ca))
    expect(repaired.cert).not.toBe(foreign.cert)
    expect(await handshake(await serve(repaired), {ca: ours.ca, servername: 'localhost'})).toEqual({authorized: true})
  })

  test('reissues a server certificate whose key file no longer matches it', async () => {
    const dir = temporaryDir()
    const ours = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    const foreign = await ensureLocalTls({dir: temporaryDir(), hostnames: LOOPBACK_HOSTNAMES})
    fs.writeFileSync(tlsPaths(dir).serverKey, foreign.key)
    const repaired = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    expect(repaired.cert).not.toBe(ours.cert)
    expect(await handshake(await serve(repaired), {ca: ours.ca, servername: 'localhost'})).toEqual({authorized: true})
  })

  test('makes a new CA when its key is gone', async () => {
    const dir = temporaryDir()
    const old = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    fs.rmSync(tlsPaths(dir).caKey)
    const renewed = await ensureLocalTls({dir, hostnames: LOOPBACK_HOSTNAMES})
    expect(renewed.caCreated).toBe(true)
    expect(fingerprint(renewed.ca)).not.toBe(fingerprint(old.ca))
    expect(new X509Certificate(renewed.cert).checkIssued(new X509Certificate(renewed.ca))).toBe(true)
  })
})
