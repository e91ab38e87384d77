import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { CliError } from '../lib/cli-error.js'
import { portOption, str, type Command } from '../lib/command.js'
import { startStaticServer } from '../lib/static-server.js'

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve a published registry site on this machine (static files, CORS on, read-only).',
  synopsis: 'microcert serve <site> [--port N] [--host ADDRESS]',
  optionHelp: [
    ['--port N', 'port to listen on (default 8080; 0 picks a free port)'],
    ['--host ADDRESS', 'address to listen on (default 127.0.0.1, this machine only)'],
  ],
  details:
    'Serves GET/HEAD with Access-Control-Allow-Origin: *, index.html for directories, and refuses paths outside\n' +
    '<site> and dot-files. Credentials (.jwt) are sent as text/plain. Stop with Ctrl+C.',
  examples: ['microcert serve ./site --port 8080'],
  options: { port: { type: 'string', short: 'p' }, host: { type: 'string' } },
  positionals: { min: 1, max: 1, names: 'the site directory' },
  async run(args, io) {
    const site = resolve(io.cwd, args.positionals[0]!)
    const info = await stat(site).catch(() => undefined)
    if (info === undefined || !info.isDirectory()) {
      throw new CliError(`"${site}" is not a directory`, 1, 'publish a site first: microcert publish <dir> --out <site>')
    }
    const port = portOption(args, 'serve', 8080)
    const server = await startStaticServer(site, { port, host: str(args, 'host') ?? '127.0.0.1' })
    io.stdout.write(`Serving ${site}\n  ${server.url}/\nPress Ctrl+C to stop.\n`)
    await waitForAbort(io.signal)
    await server.close()
    return 0
  },
}

export function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((ok) => {
    if (signal.aborted) return ok()
    signal.addEventListener('abort', () => ok(), { once: true })
  })
}
