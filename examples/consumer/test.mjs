#!/usr/bin/env node
// The packages as a university's IT team gets them from npm: `pnpm pack` every package (after `pnpm build`), install
// the tarballs into a fresh plain-npm project in a temp folder (their dependencies come from the npm registry), and
// check what a user meets there: the published package.json files, TypeScript strict with `node16` and `bundler`
// resolution, `require()` and `import` of every entry, the README quick starts run as printed, and every README link.
// Nothing is kept between runs.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, posix, relative } from 'node:path'
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('../../', import.meta.url))
// openid4vci: a dependency of the CLI (`microcert serve --issue`, `microcert offer`)
const PACKAGES = ['schemas', 'core', 'openid4vci', 'verify-widget', 'cli']
// Registry packages the checks need besides the tarballs' own dependencies (types for TSX, the compiler).
const TOOLS = ['typescript@5.9.3', '@types/node@^20.19.0', '@types/react@19.3.3']

const work = mkdtempSync(join(tmpdir(), 'microcert-consumer-'))
const project = join(work, 'project')
/** name → { dir (unpacked tarball), manifest (packed package.json), files (paths in the tarball), tarball } */
const packed = new Map()

function run(cmd, args, options = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options })
}

/** Runs a command and returns its exit code and output (never throws for a non-zero exit). */
function attempt(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

function listFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? listFiles(path, base) : [relative(base, path).split('\\').join('/')]
  })
}

before(() => {
  const tarballs = join(work, 'tarballs')
  mkdirSync(tarballs)
  for (const name of PACKAGES) {
    const dir = join(repo, 'packages', name)
    if (!existsSync(join(dir, 'dist'))) throw new Error(`packages/${name}/dist is missing: run \`pnpm build\` first`)
    const before = new Set(readdirSync(tarballs))
    run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir })
    const tarball = readdirSync(tarballs).find((f) => !before.has(f))
    const unpacked = join(work, 'unpacked', name)
    mkdirSync(unpacked, { recursive: true })
    run('tar', ['-xzf', join(tarballs, tarball), '-C', unpacked, '--strip-components=1'])
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'))
    packed.set(manifest.name, { dir: unpacked, manifest, files: new Set(listFiles(unpacked)), tarball: join(tarballs, tarball) })
  }
  mkdirSync(project)
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`)
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...[...packed.values()].map((p) => p.tarball), ...TOOLS], { cwd: project })
})

after(() => rmSync(work, { recursive: true, force: true }))

describe('published package.json files', () => {
  it('have a release version, engines, a LICENSE and no "source" export condition', () => {
    for (const [name, { manifest, files, dir }] of packed) {
      assert.match(manifest.version, /^\d+\.\d+\.\d+/, name)
      assert.notEqual(manifest.version, '0.0.0', `${name} is still at 0.0.0`)
      assert.ok(manifest.engines?.node, `${name} declares no engines.node`)
      assert.equal(manifest.license, 'Apache-2.0', name)
      assert.ok(files.has('LICENSE'), `${name} ships no LICENSE`)
      assert.match(readFileSync(join(dir, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/, name)
      assert.doesNotMatch(JSON.stringify(manifest.exports), /"source"/, `${name} publishes the "source" condition`)
      for (const dep of Object.values(manifest.dependencies ?? {})) assert.doesNotMatch(dep, /^workspace:/, name)
    }
  })

  it('publish every entry the workspace has (publishConfig.exports mirrors exports without "source")', () => {
    for (const [name, { manifest }] of packed) {
      const workspace = JSON.parse(readFileSync(join(repo, 'packages', name.split('/')[1], 'package.json'), 'utf8'))
      const strip = (value) =>
        typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'source').map(([k, v]) => [k, strip(v)])) : value
      assert.deepEqual(
        manifest.exports,
        strip(workspace.exports),
        `${name}: publishConfig.exports must be package.json "exports" without the "source" conditions (a new subpath needs an entry there too)`,
      )
    }
  })

  it('point every export at a file in the tarball', () => {
    for (const [name, { manifest, files }] of packed) {
      const targets = []
      const walk = (value) => (typeof value === 'string' ? targets.push(value) : Object.values(value ?? {}).forEach(walk))
      walk(manifest.exports)
      for (const target of [...targets, manifest.main, manifest.module, manifest.types, ...Object.values(manifest.bin ?? {})]) {
        if (target === undefined) continue
        const path = posix.normalize(target)
        if (path.includes('*')) {
          const prefix = path.slice(0, path.indexOf('*'))
          assert.ok([...files].some((f) => f.startsWith(prefix)), `${name}: nothing matches ${target}`)
        } else assert.ok(files.has(path), `${name}: ${target} is not in the tarball`)
      }
    }
  })
})

describe('TypeScript strict', () => {
  const entriesEsm = `
import { verifyCredential, buildCredential, type MicroCredentialInput, type VerificationResult, MicroCredential } from '@microcert/core'
import { createIssuer, openIssuer, type IssueInput } from '@microcert/core/node'
import { MicroCredentialInput as InputSchema, formatSchemaIssues } from '@microcert/schemas'
import { MicrocertVerify, registerTranslation } from '@microcert/verify-widget'
import { MicrocertVerify as Defined } from '@microcert/verify-widget/define'
import { MicrocertVerify as FromCdn } from '@microcert/verify-widget/microcert-verify.js'
import type { MicrocertVerifyJsxProps } from '@microcert/verify-widget/jsx'
import { runCli } from '@microcert/cli'

const input: MicroCredentialInput = InputSchema.parse({})
const row: IssueInput = { learner: input.learner, achievement: input.achievement }
const problems: string[] = formatSchemaIssues(InputSchema.safeParse({}).error!)
const element: MicrocertVerify = document.createElement('microcert-verify')
const same: typeof Defined = FromCdn
const props: MicrocertVerifyJsxProps = { registry: 'https://uni.example/microcerts', trustedIssuers: ['did:web:uni.example'] }
// @ts-expect-error timeout is a number
const wrong: MicrocertVerifyJsxProps = { timeout: 'slow' }
export const all = [verifyCredential, buildCredential, MicroCredential, createIssuer, openIssuer, row, problems, element, same, props, wrong, registerTranslation, runCli]
export type Result = VerificationResult
`
  const entriesCjs = `
import core = require('@microcert/core')
import node = require('@microcert/core/node')
import schemas = require('@microcert/schemas')
const input: core.MicroCredentialInput = schemas.MicroCredentialInput.parse({})
export = [core.verifyCredential, node.createIssuer, input]
`

  function compile(name, compilerOptions, files) {
    const dir = join(project, name)
    mkdirSync(dir, { recursive: true })
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
    const tsconfig = {
      compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', lib: ['es2022', 'dom', 'dom.iterable'], types: ['node'], jsx: 'react-jsx', ...compilerOptions },
      include: ['*.ts', '*.mts', '*.cts', '*.tsx'],
    }
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig))
    return attempt(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: project })
  }

  const react = () => readFileSync(join(packed.get('@microcert/verify-widget').dir, 'examples', 'react-19.tsx'), 'utf8')
  const reactMisuse = `import type {} from '@microcert/verify-widget/react'
export const ok = <microcert-verify registry="https://uni.example/microcerts" no-details />
// @ts-expect-error trustedIssuers is a list of DIDs
export const bad = <microcert-verify trustedIssuers="did:web:uni.example" />
`

  it('type-checks every entry, the CommonJS entries and the React 19 example with moduleResolution node16', async () => {
    const r = await compile('ts-node16', { module: 'node16', moduleResolution: 'node16' }, {
      'entries.mts': entriesEsm,
      'entries.cts': entriesCjs,
      'react-19.tsx': react(),
      'misuse.tsx': reactMisuse,
    })
    assert.equal(r.code, 0, r.stdout + r.stderr)
  })

  it('type-checks every entry and the React 19 example with moduleResolution bundler', async () => {
    const r = await compile('ts-bundler', { module: 'esnext', moduleResolution: 'bundler' }, {
      'entries.ts': entriesEsm,
      'react-19.tsx': react(),
      'misuse.tsx': reactMisuse,
    })
    assert.equal(r.code, 0, r.stdout + r.stderr)
  })
})

describe('loading every entry in Node', () => {
  const entries = ['@microcert/core', '@microcert/core/node', '@microcert/schemas', '@microcert/verify-widget', '@microcert/verify-widget/define', '@microcert/cli']

  it('import()s every entry and finds the same exports as require()', async () => {
    const script = `
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const out = {}
for (const entry of ${JSON.stringify(entries)}) {
  const esm = Object.keys(await import(entry)).sort()
  const cjs = Object.keys(require(entry)).filter((k) => k !== '__esModule' && k !== 'module.exports').sort()
  out[entry] = { esm: esm.length, same: JSON.stringify(esm) === JSON.stringify(cjs) }
}
for (const file of ['@microcert/verify-widget/custom-elements.json', '@microcert/verify-widget/vscode.html-custom-data.json', '@microcert/schemas/eu-extension.schema.json']) {
  out[file] = { esm: Object.keys(require(file)).length, same: true }
}
console.log(JSON.stringify(out))
`
    writeFileSync(join(project, 'load-entries.mjs'), script)
    const r = await attempt(process.execPath, ['load-entries.mjs'], { cwd: project })
    assert.equal(r.code, 0, r.stderr)
    const out = JSON.parse(r.stdout)
    for (const [entry, { esm, same }] of Object.entries(out)) {
      assert.ok(esm > 0, `${entry} exports nothing`)
      assert.ok(same, `${entry}: require() and import give different exports`)
    }
    assert.doesNotMatch(r.stderr, /ExperimentalWarning|DeprecationWarning/, r.stderr)
  })

  it('runs the CLI bin through npx', async () => {
    const r = await attempt('npx', ['--no-install', 'microcert', '--help'], { cwd: project })
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /microcert/)
  })
})

/** The fenced code blocks (language, text) of one `## …` section of a README. */
function sectionBlocks(readme, heading) {
  const start = readme.search(new RegExp(`^## ${heading}`, 'm'))
  if (start === -1) return []
  const rest = readme.slice(start + 3)
  const end = rest.search(/^## /m)
  const section = end === -1 ? rest : rest.slice(0, end)
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }))
}

describe('README quick starts, as printed', () => {
  const readme = (name) => readFileSync(join(packed.get(name).dir, 'README.md'), 'utf8')

  /** Compiles a TypeScript quick start (strict, node16) and runs it with node. */
  async function runTypeScript(name, blocks) {
    const dir = join(project, `quick-start-${name.split('/')[1]}`)
    mkdirSync(dir)
    blocks.forEach((b, i) => writeFileSync(join(dir, `block-${i + 1}.mts`), b.code))
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'node16', moduleResolution: 'node16', target: 'es2022', types: ['node'], outDir: 'out' }, include: ['*.mts'] }),
    )
    const compiled = await attempt(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: project })
    assert.equal(compiled.code, 0, compiled.stdout + compiled.stderr)
    return Promise.all(blocks.map((_, i) => attempt(process.execPath, [join(dir, 'out', `block-${i + 1}.mjs`)], { cwd: dir })))
  }

  it('@microcert/core: the quick start runs offline and ends in "verified"', async () => {
    const blocks = sectionBlocks(readme('@microcert/core'), 'Quick start').filter((b) => b.lang === 'ts')
    assert.equal(blocks.length, 1)
    const [r] = await runTypeScript('@microcert/core', blocks)
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout.trim().split('\n').pop(), 'verified', r.stdout)
  })

  it('@microcert/schemas: the quick start runs and finds the example input valid', async () => {
    const blocks = sectionBlocks(readme('@microcert/schemas'), 'Quick start').filter((b) => b.lang === 'ts')
    assert.ok(blocks.length >= 1)
    for (const r of await runTypeScript('@microcert/schemas', blocks)) {
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stderr, '')
    }
  })

  it('@microcert/cli: the shell quick start runs line by line (npm install lines are the tarballs)', async () => {
    const blocks = sectionBlocks(readme('@microcert/cli'), 'Quick start').filter((b) => b.lang === 'sh')
    assert.ok(blocks.length >= 2)
    for (const block of blocks) {
      for (const line of block.code.split('\n')) {
        if (line.trim() === '' || /^npm install\b/.test(line.trim())) continue
        const r = await attempt('bash', ['-euo', 'pipefail', '-c', line], { cwd: project })
        assert.equal(r.code, 0, `${line}\n${r.stdout}\n${r.stderr}`)
      }
    }
    assert.ok(existsSync(join(project, 'demo', 'site', 'index.html')), 'the demo wrote no site')
    const issued = readFileSync(join(project, 'issued.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    assert.deepEqual(issued.map((l) => l.status), ['issued'])
    assert.match(issued[0].certificateId, /^MC-/)
    assert.ok(existsSync(join(project, 'site', 'credentials', `${issued[0].certificateId}.jwt`)), 'publish wrote no credential')
  })

  it('@microcert/verify-widget: the CMS page uses only attributes the element has, and the script it names ships', () => {
    const manifest = JSON.parse(readFileSync(join(packed.get('@microcert/verify-widget').dir, 'dist', 'custom-elements.json'), 'utf8'))
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'microcert-verify')
    const known = new Set([...element.attributes.map((a) => a.name), 'slot', 'class', 'id', 'style', 'lang'])
    const blocks = sectionBlocks(readme('@microcert/verify-widget'), 'Quick start').filter((b) => b.lang === 'html')
    assert.ok(blocks.length >= 1)
    let tags = 0
    for (const { code } of blocks) {
      for (const [, attrs] of code.matchAll(/<microcert-verify\b([^>]*)>/g)) {
        tags++
        for (const [, name] of attrs.matchAll(/([a-z][a-z-]*)(?==|\s|$)/g)) assert.ok(known.has(name), `unknown attribute "${name}"`)
      }
      for (const [, src] of code.matchAll(/<script[^>]*src="([^"]+)"/g)) {
        assert.ok(packed.get('@microcert/verify-widget').files.has(`dist/${posix.basename(src)}`), `${src}: no such file in dist/`)
      }
    }
    assert.ok(tags >= 1)
  })
})

describe('README links', () => {
  /** GitHub-style anchor of a heading. */
  const slug = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')
  const CDN = /^https:\/\/(?:cdn\.jsdelivr\.net\/npm|unpkg\.com)\/(@microcert\/[a-z-]+)(?:@[^/]+)?\/(.*)$/

  it('resolve: relative links to files in the tarball, anchors to headings, our CDN links to shipped files', () => {
    let checked = 0
    for (const [name, { dir, files }] of packed) {
      for (const readmePath of [...files].filter((f) => /(^|\/)README\.md$/i.test(f))) {
        const text = readFileSync(join(dir, readmePath), 'utf8').replace(/^```[\s\S]*?^```$/gm, '')
        const anchors = new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])))
        const links = [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g), ...text.matchAll(/<(https?:\/\/[^>\s]+)>/g)].map((m) => m[1])
        for (const link of links) {
          checked++
          const where = `${name}/${readmePath}: ${link}`
          if (link.startsWith('#')) {
            assert.ok(anchors.has(link.slice(1)), `${where}: no such heading`)
          } else if (/^[a-z][a-z0-9+.-]*:/i.test(link)) {
            const url = new URL(link) // throws for a malformed URL
            assert.ok(['https:', 'http:', 'mailto:'].includes(url.protocol), `${where}: unexpected scheme`)
            if (url.protocol === 'http:') assert.match(url.hostname, /^(localhost|127\.0\.0\.1)$/, `${where}: plain http`)
            const cdn = CDN.exec(link.split('#')[0])
            if (cdn) {
              const target = packed.get(cdn[1])
              assert.ok(target, `${where}: not one of our packages`)
              const path = decodeURIComponent(cdn[2]).replace(/\/$/, '')
              assert.ok(target.files.has(path) || [...target.files].some((f) => f.startsWith(`${path}/`)), `${where}: not in the ${cdn[1]} tarball`)
            }
          } else {
            const path = posix.normalize(posix.join(posix.dirname(readmePath), decodeURIComponent(link.split('#')[0])))
            assert.ok(!path.startsWith('..'), `${where}: points outside the package`)
            assert.ok(files.has(path) || [...files].some((f) => f.startsWith(`${path}/`)), `${where}: not in the tarball`)
          }
        }
      }
    }
    assert.ok(checked > 20, `only ${checked} links found`)
  })

  it('tell npm users to run npm/npx, not the monorepo pnpm scripts', () => {
    for (const [name, { dir }] of packed) {
      const text = readFileSync(join(dir, 'README.md'), 'utf8')
      assert.doesNotMatch(text, /\bpnpm (demo|test|build|microcert|--filter|--dir)\b/, `${name}: README shows a monorepo command`)
    }
  })
})

// An interrupted run leaves no temp folder behind either.
process.on('SIGINT', () => {
  rmSync(work, { recursive: true, force: true })
  process.exit(130)
})
