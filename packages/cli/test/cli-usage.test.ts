import { describe, expect, it } from 'vitest'
import { COMMANDS, runCli } from '../src/run-cli.js'
import { microcert } from './helpers/run.js'

describe('microcert usage', () => {
  it('prints the command list with exit 0', async () => {
    const r = await microcert(['--help'])
    expect(r.code).toBe(0)
    for (const name of ['init', 'issue', 'revoke', 'suspend', 'reinstate', 'verify', 'publish', 'serve', 'demo']) expect(r.stdout).toContain(`  ${name}`)
  })

  it('prints help with usage, options and an example for every command', async () => {
    // In-process (same code as the binary) to keep the suite fast; the binary itself is run just below.
    for (const cmd of COMMANDS) {
      let out = ''
      const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, cwd: process.cwd(), env: {}, signal: new AbortController().signal }
      expect(await runCli([cmd.name, '--help'], io), cmd.name).toBe(0)
      expect(out).toContain(`microcert ${cmd.name}`)
      expect(out).toMatch(/Options:/)
      expect(out).toMatch(/Examples?:\n {2}microcert /)
    }
    const r = await microcert(['issue', '-h'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Issue micro-credentials/)
  }, 30_000)

  it('exits 2 with one line and a hint for an unknown command, an unknown option and a missing argument', async () => {
    const unknown = await microcert(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe('error: unknown command "frobnicate"\nhint: run "microcert --help" for usage\n')
    const option = await microcert(['verify', 'x', '--frob'])
    expect(option.code).toBe(2)
    expect(option.stderr).toMatch(/^error: Unknown option '--frob'\nhint: run "microcert verify --help" for usage\n$/)
    const missing = await microcert(['revoke', '/tmp'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/missing the issuer store and a certificate ID/)
    const port = await microcert(['serve', '.', '--port', 'eighty'])
    expect(port.code).toBe(2)
  }, 30_000)

  it('prints no stack trace unless --debug', async () => {
    const plain = await microcert(['issue', '/nonexistent/issuer', '--input', 'x.json'])
    expect(plain.code).toBe(1)
    expect(plain.stderr).toMatch(/ERR_STORE_NOT_FOUND/)
    expect(plain.stderr).not.toMatch(/\n\s+at /)
    const debug = await microcert(['issue', '/nonexistent/issuer', '--input', 'x.json', '--debug'])
    expect(debug.stderr).toMatch(/\n\s+at /)
  }, 30_000)
})
