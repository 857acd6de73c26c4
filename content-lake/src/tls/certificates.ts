// @peculiar/x509 resolves its algorithm providers through tsyringe, which refuses to load
// without a Reflect metadata polyfill; it must be imported before the library.
import 'reflect-metadata'
import {randomBytes} from 'node:crypto'
import {isIP} from 'node:net'
import * as x509 from '@peculiar/x509'

/** A certificate and its private key, both PEM (the key as PKCS #8). */
export interface KeyPairPem {
  cert: string
  key: string
}

// ECDSA P-256: every browser and Node accept it, and keys are made in milliseconds.
const KEY_ALGORITHM: EcKeyGenParams = {name: 'ECDSA', namedCurve: 'P-256'}
const SIGNING_ALGORITHM: EcdsaParams = {name: 'ECDSA', hash: 'SHA-256'}

const DAY_MS = 24 * 60 * 60 * 1000

export const CA_NAME = 'Life in Balance local CA'

/** Ten years: the CA is trusted by hand, so it should rarely change. */
export const CA_VALIDITY_DAYS = 3650
/**
 * Apple's platforms refuse server certificates valid for more than 825 days even from a
 * private root, and browsers cap public ones at 398: under both, and the lake renews it.
 */
export const SERVER_VALIDITY_DAYS = 397

/** A random positive serial number, 16 bytes as CA/Browser Forum rules ask for. */
function serialNumber(): string {
  const bytes = randomBytes(16)
  // Clear the sign bit (DER integers are signed) and set the next one so no byte is padding.
  bytes[0] = (bytes[0]! & 0x7f) | 0x40
  return bytes.toString('hex')
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY')
}

/** The CA's key as a WebCrypto signing key, to issue server certificates with. */
async function signingKey(keyPem: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(keyPem), KEY_ALGORITHM, false, ['sign'])
}

function generalName(hostname: string): x509.JsonGeneralName {
  return {type: isIP(hostname) ? x509.IP : x509.DNS, value: hostname}
}

function validity(now: Date, days: number): {notBefore: Date; notAfter: Date} {
  // A minute of slack so a clock a little behind ours still accepts a fresh certificate.
  return {notBefore: new Date(now.getTime() - 60_000), notAfter: new Date(now.getTime() + days * DAY_MS)}
}

/** A self-signed root that may sign server certificates only (path length 0). */
export async function createCa(now: Date): Promise<KeyPairPem> {
  const keys = await generateKeys()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${CA_NAME}, O=Life in Balance`,
    ...validity(now, CA_VALIDITY_DAYS),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return {cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey)}
}

/** A TLS server certificate for `hostnames` (DNS names and IP addresses), signed by `ca`. */
export async function issueServerCertificate(ca: KeyPairPem, hostnames: readonly string[], now: Date): Promise<KeyPairPem> {
  const caCert = new x509.X509Certificate(ca.cert)
  const keys = await generateKeys()
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${hostnames[0] ?? 'localhost'}`,
    issuer: caCert.subject,
    ...validity(now, SERVER_VALIDITY_DAYS),
    publicKey: keys.publicKey,
    signingKey: await signingKey(ca.key),
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      // Browsers match only subjectAltName, never the common name.
      new x509.SubjectAlternativeNameExtension(hostnames.map(generalName)),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
    ],
  })
  return {cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey)}
}
