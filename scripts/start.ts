import {type ChildProcess, fork} from 'node:child_process'
import path from 'node:path'
import {getEnv, sanityConnection} from '~/env.server'
import {createSanityClient} from '~/sanity/client.server'
import {seedContent} from '../seed/seed-content'
import {buildSiteIfStale} from './build-site'
import {localLakeToken, stackConfig} from './stack-config'

/**
 * `npm start`: builds what needs building, starts the local Content Lake (unless a Sanity
 * project is configured), seeds it on first run, starts the site, and stops it all on Ctrl-C.
 */

const ROOT = path.resolve(import.meta.dirname, '..')
const children: ChildProcess[] = []
let stopping = false

function log(line: string): void {
  console.log(line)
}

async function stop(code: number): Promise<never> {
  stopping = true
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
          child.once('exit', () => {
            clearTimeout(force)
            resolve()
          })
          child.kill('SIGTERM')
        }),
    ),
  )
  process.exit(code)
}

function supervise(name: string, child: ChildProcess): ChildProcess {
  children.push(child)
  child.once('exit', (code, signal) => {
    if (stopping) return
    console.error(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.`)
    void stop(1)
  })
  return child
}

function startLake(port: number, dataDir: string, token: string): Promise<string> {
  const child = supervise(
    'The Content Lake',
    fork(path.join(ROOT, 'content-lake', 'src', 'cli.ts'), {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        CONTENT_LAKE_PORT: String(port),
        CONTENT_LAKE_DATA_DIR: path.join(dataDir, 'content-lake'),
        CONTENT_LAKE_TOKEN: token,
      },
    }),
  )
  return new Promise((resolve, reject) => {
    child.once('exit', () => reject(new Error('The Content Lake could not start (see above)')))
    child.on('message', (message: {type?: string; url?: string}) => {
      if (message.type === 'ready' && message.url) resolve(message.url)
    })
  })
}

async function startSite(port: number, env: Record<string, string>): Promise<string> {
  const serve = path.join(ROOT, 'node_modules', '@remix-run', 'serve', 'dist', 'cli.js')
  supervise(
    'The site',
    fork(serve, ['build/index.js'], {
      cwd: ROOT,
      env: {...process.env, ...env, PORT: String(port), NODE_ENV: 'production'},
    }),
  )
  const url = `http://localhost:${port}`
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      await fetch(url, {signal: AbortSignal.timeout(2_000)})
      return url
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw new Error(`The site did not answer at ${url}`)
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))

  const config = stackConfig(process.env)
  const connection = sanityConnection(getEnv())
  buildSiteIfStale(log)

  const lines = ['', 'Life in Balance is running:']
  const siteEnv: Record<string, string> = {}
  if (connection.mode === 'local') {
    const token = localLakeToken(config)
    const lakeUrl = await startLake(config.CONTENT_LAKE_PORT, config.dataDir, token)
    siteEnv.CONTENT_LAKE_URL = lakeUrl
    const outcome = await seedContent(
      createSanityClient({...connection, apiHost: lakeUrl}, token),
    )
    log(
      {
        seeded: 'Seeded the original post and site settings.',
        'already-present': 'Content is already in the lake; nothing seeded.',
        'partly-present': 'Some seed content was changed or removed by editors; left as it is.',
      }[outcome],
    )
    lines.push(`  Content Lake  ${lakeUrl}  (data in ${path.relative(ROOT, config.dataDir) || '.'})`)
  } else {
    lines.push(`  Content       Sanity project ${connection.projectId}, dataset ${connection.dataset}`)
  }
  const siteUrl = await startSite(config.PORT, siteEnv)
  lines.splice(2, 0, `  Site          ${siteUrl}`)
  log([...lines, '', 'Press Ctrl-C to stop.', ''].join('\n'))
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  await stop(1)
})
