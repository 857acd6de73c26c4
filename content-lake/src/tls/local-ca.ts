import {createPrivateKey, randomBytes, X509Certificate} from 'node:crypto'
import fs from 'node:fs/promises'
import {isIP} from 'node:net'
import path from 'node:path'
import {createCa, issueServerCertificate, type KeyPairPem} from './certificates'

/** A certificate this close to its end is replaced at start, well before anything refuses it. */
export const RENEW_WITHIN_DAYS = 30

/** What the HTTPS listener serves, and what clients must trust. */
export interface LocalTls {
  /** The server's certificate and private key (PEM). */
  cert: string
  key: string
  /** The local CA's certificate (PEM) and its file: the one thing browsers and clients trust. */
  ca: string
  caPath: string
  /** True when this start made a new CA: browsers have not trusted it yet. */
  caCreated: boolean
}

export function tlsPaths(dir: string) {
  return {
    caCert: path.join(dir, 'ca.pem'),
    caKey: path.join(dir, 'ca-key.pem'),
    serverCert: path.join(dir, 'server.pem'),
    serverKey: path.join(dir, 'server-key.pem'),
  }
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

async function readPair(certPath: string, keyPath: string): Promise<KeyPairPem | null> {
  const [cert, key] = await Promise.all([readIfExists(certPath), readIfExists(keyPath)])
  return cert !== null && key !== null ? {cert, key} : null
}

/**
 * Writes through a temporary file and a rename, so a crash never leaves half a PEM behind;
 * a pair that was only half replaced is caught by the checks on the next start.
 */
async function writeAtomically(file: string, contents: string, mode: number): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`
  await fs.writeFile(temporary, contents, {mode, flag: 'wx'})
  await fs.rename(temporary, file)
}

async function writePair(pair: KeyPairPem, certPath: string, keyPath: string): Promise<void> {
  // A crash between the two leaves a certificate and a key that do not match: replaced next start.
  await writeAtomically(keyPath, pair.key, 0o600)
  await writeAtomically(certPath, pair.cert, 0o644)
}

/** The pair's certificate when it parses, matches its key and lasts past the renewal window. */
function validPair(pair: KeyPairPem, now: Date): X509Certificate | null {
  try {
    const cert = new X509Certificate(pair.cert)
    const renewAt = Date.parse(cert.validTo) - RENEW_WITHIN_DAYS * 24 * 60 * 60 * 1000
    return cert.checkPrivateKey(createPrivateKey(pair.key)) && now.getTime() < renewAt ? cert : null
  } catch {
    return null
  }
}

function isUsableCa(pair: KeyPairPem, now: Date): boolean {
  const cert = validPair(pair, now)
  return cert?.ca === true && cert.verify(cert.publicKey)
}

function covers(cert: X509Certificate, hostname: string): boolean {
  // subjectAltName only, as browsers match: a common name alone does not count.
  return isIP(hostname) ? cert.checkIP(hostname) !== undefined : cert.checkHost(hostname, {subject: 'never'}) !== undefined
}

function isUsableServer(pair: KeyPairPem, ca: KeyPairPem, hostnames: readonly string[], now: Date): boolean {
  const cert = validPair(pair, now)
  const issuer = new X509Certificate(ca.cert)
  return cert?.checkIssued(issuer) === true && cert.verify(issuer.publicKey) && hostnames.every((hostname) => covers(cert, hostname))
}

/**
 * Makes sure `dir` holds a local root CA and a server certificate it signed for `hostnames`,
 * reusing both while they stay valid. The CA is replaced only when it is missing, broken or
 * about to expire (then it must be trusted again); the server certificate also when it does
 * not cover every hostname or was not signed by the current CA.
 */
export async function ensureLocalTls(options: {dir: string; hostnames: readonly string[]; now?: Date}): Promise<LocalTls> {
  const {dir, hostnames, now = new Date()} = options
  const paths = tlsPaths(dir)
  // Only this user may read the private keys.
  await fs.mkdir(dir, {recursive: true, mode: 0o700})

  let ca = await readPair(paths.caCert, paths.caKey)
  const caCreated = ca === null || !isUsableCa(ca, now)
  if (ca === null || caCreated) {
    ca = await createCa(now)
    await writePair(ca, paths.caCert, paths.caKey)
  }

  let server = await readPair(paths.serverCert, paths.serverKey)
  if (server === null || !isUsableServer(server, ca, hostnames, now)) {
    server = await issueServerCertificate(ca, hostnames, now)
    await writePair(server, paths.serverCert, paths.serverKey)
  }

  return {cert: server.cert, key: server.key, ca: ca.cert, caPath: paths.caCert, caCreated}
}
