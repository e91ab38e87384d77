import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../src/run-cli.js'
import { microcert } from './helpers/run.js'

describe('microcert usage', () => {
  it('prints the command list with exit 0', async () => {
    const r = await microcert(['--help'])
    expect(r.code).toBe(0)
    for (const name of ['init', 'issue', 'revoke', 'suspend', 'reinstate', 'verify', 'publish', 'serve', 'demo']) expect(r.stdout).toContain(`  ${name}`)
  })

  it('prints help with usage, options and an example for every command', async () => {
    for (const cmd of COMMANDS) {
      const r = await microcert([cmd.name, '--help'])
      expect(r.code, cmd.name).toBe(0)
      expect(r.stdout).toContain(`microcert ${cmd.name}`)
      expect(r.stdout).toMatch(/Options:/)
      expect(r.stdout).toMatch(/Examples?:\n {2}microcert /)
    }
  }, 60_000)

  it('exits 2 with one line and a hint for an unknown command, an unknown option and a missing argument', async () => {
    const unknown = await microcert(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe('error: unknown command "frobnicate"\nhint: run "microcert --help" for usage\n')
    const option = await microcert(['verify', 'x', '--frob'])
    expect(option.code).toBe(2)
    expect(option.stderr).toMatch(/^error: Unknown option '--frob'\nhint: run "microcert verify --help" for usage\n$/)
    const missing = await microcert(['revoke', '/tmp'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/missing the issuer directory and a certificate ID/)
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
