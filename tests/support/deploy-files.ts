import {type ChildProcess, spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {onlySettings} from './production-tree'

/**
 * deploy/'s templates as an owner fills them in (docs/deploying.md), for the tests that run
 * the production build with them: the env files' settings, the lake's tokens and webhooks files
 * with their placeholders replaced, and Caddy with deploy/Caddyfile.
 */

/** An env file's `KEY=value` lines (comments and blank lines skipped; commented-out settings stay out). */
export function readEnvFile(file: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  )
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')

/** deploy/env/lake-tokens.json.example with the digests of the site's two tokens in place of the placeholders. */
export function fillLakeTokens(tree: string, into: string, tokens: {site: string; reader: string}): string {
  const template = fs.readFileSync(path.join(tree, 'deploy', 'env', 'lake-tokens.json.example'), 'utf8')
  const file = path.join(into, 'lake-tokens.json')
  const filled = template
    .replace(/<printf %s \\"\$SANITY_API_WRITE_TOKEN\\" \| sha256sum>/, sha256(tokens.site))
    .replace(/<printf %s \\"\$CONTENT_LAKE_READER_TOKEN\\" \| sha256sum>/, sha256(tokens.reader))
  if (filled.includes('<')) throw new Error(`A placeholder of lake-tokens.json.example was left unfilled:\n${filled}`)
  fs.writeFileSync(file, filled, {mode: 0o600})
  return file
}

/** deploy/env/lake-webhooks.json.example with the site's port and webhook secret filled in. */
export function fillLakeWebhooks(tree: string, into: string, {sitePort, secret}: {sitePort: number; secret: string}): string {
  const template = fs.readFileSync(path.join(tree, 'deploy', 'env', 'lake-webhooks.json.example'), 'utf8')
  const file = path.join(into, 'lake-webhooks.json')
  const filled = template.replaceAll('http://127.0.0.1:3000/', `http://127.0.0.1:${sitePort}/`).replaceAll("<the site's COMMENT_WEBHOOK_SECRET>", secret)
  if (filled.includes('<')) throw new Error(`A placeholder of lake-webhooks.json.example was left unfilled:\n${filled}`)
  fs.writeFileSync(file, filled, {mode: 0o600})
  return file
}

export interface RunningCaddy {
  /** Caddy's local CA, which signed the test's certificates (Let's Encrypt's role in production). */
  rootCertificate: string
  output(): string
  stop(): Promise<void>
}

/**
 * Runs Debian's Caddy on deploy/Caddyfile, imported as it is after a global options block of the
 * test's own: certificates from Caddy's local CA instead of Let's Encrypt, nothing installed
 * into the system's trust store, free ports, no admin endpoint (other tests run Caddy too).
 */
export async function startCaddy(
  tree: string,
  folder: string,
  {httpPort, httpsPort, env}: {httpPort: number; httpsPort: number; env: Record<string, string>},
): Promise<RunningCaddy> {
  const storage = path.join(folder, 'caddy-data')
  const config = path.join(folder, 'Caddyfile')
  fs.writeFileSync(
    config,
    [
      '{',
      '\tadmin off',
      '\tlocal_certs',
      '\tskip_install_trust',
      `\thttp_port ${httpPort}`,
      `\thttps_port ${httpsPort}`,
      `\tstorage file_system ${storage}`,
      '}',
      `import ${path.join(tree, 'deploy', 'Caddyfile')}`,
      '',
    ].join('\n'),
  )
  const child: ChildProcess = spawn('caddy', ['run', '--config', config, '--adapter', 'caddyfile'], {
    env: onlySettings({HOME: folder, XDG_DATA_HOME: folder, XDG_CONFIG_HOME: folder, ...env}),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const rootCertificate = path.join(storage, 'pki', 'authorities', 'local', 'root.crt')
  const deadline = Date.now() + 30_000
  // Ready once it has made its CA and said its servers are running.
  while (!(fs.existsSync(rootCertificate) && output.includes('serving initial configuration'))) {
    if (child.exitCode !== null) throw new Error(`Caddy exited with code ${child.exitCode}:\n${output}`)
    if (Date.now() > deadline) throw new Error(`Caddy was not ready in time:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    rootCertificate,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
