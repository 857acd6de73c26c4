import {CA_NAME} from './certificates'

export interface TrustCommand {
  /** Which store, and so which programs, the command makes trust the CA. */
  store: string
  command: string
}

/** Single quotes for POSIX shells, so paths with spaces or `$` survive copy and paste. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/** One command per trust store of `platform` that makes it trust the local CA at `caPath`. */
export function trustCommands(caPath: string, platform: NodeJS.Platform = process.platform): TrustCommand[] {
  const ca = shellQuote(caPath)
  const node = {store: 'Node.js (servers, scripts)', command: `export NODE_EXTRA_CA_CERTS=${ca}`}
  if (platform === 'darwin') {
    return [
      {
        store: 'macOS keychain (Safari, Chrome)',
        command: `sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${ca}`,
      },
      node,
    ]
  }
  if (platform === 'win32') {
    return [
      {store: 'Windows user store (Edge, Chrome)', command: `certutil -user -addstore Root "${caPath}"`},
      {store: 'Node.js (servers, scripts)', command: `setx NODE_EXTRA_CA_CERTS "${caPath}"`},
    ]
  }
  return [
    {
      // update-ca-certificates picks up only files ending in .crt.
      store: 'Debian/Ubuntu system store (curl, most programs)',
      command: `sudo cp ${ca} /usr/local/share/ca-certificates/life-in-balance-local-ca.crt && sudo update-ca-certificates`,
    },
    {
      // Chromium on Linux ignores the system store and reads its own NSS database.
      store: 'Chromium/Chrome on Linux (NSS; certutil is in libnss3-tools)',
      command: `certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n "${CA_NAME}" -i ${ca}`,
    },
    node,
  ]
}

/** The message to print when a CA is new: browsers refuse the HTTPS listener until it is trusted. */
export function trustHint(caPath: string, platform: NodeJS.Platform = process.platform): string {
  return [
    `Browsers reach the lake over HTTPS once they trust its local CA (${caPath}); run once:`,
    ...trustCommands(caPath, platform).map(({store, command}) => `  ${store}:\n    ${command}`),
    'Firefox keeps its own store: Settings > Privacy & Security > View Certificates > Import.',
  ].join('\n')
}
