#!/usr/bin/env node
import { processIo } from './lib/io.js'
import { runCli } from './run-cli.js'

const controller = new AbortController()
let stopping = false
const stop = (): void => {
  // A second Ctrl+C while shutting down quits at once.
  if (stopping) process.exit(130)
  stopping = true
  controller.abort()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

process.exitCode = await runCli(process.argv.slice(2), processIo(controller.signal))
process.off('SIGINT', stop)
process.off('SIGTERM', stop)
