export { runCli, COMMANDS } from './run-cli.js'
export type { CliIo } from './lib/io.js'
