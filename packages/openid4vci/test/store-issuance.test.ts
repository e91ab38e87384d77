import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, normalize } from 'node:path'
import { createMemoryCache, createMemoryIssuanceStateStore } from '@microcert/core'
import { createIssuer, tokenStatusReference, type Issuer } from '@microcert/core/node'
import { verifySdJwtVc } from '@microcert/core/sd-jwt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { courseInput } from '../../core/test/node/helpers.js'
import { createOpenid4vciIssuer, createStoreCredentialLoader, type Openid4vciIssuer } from '../src/index.js'
import { wallet } from './helpers.js'

const VERIFIER = 'https://employer.example'
const TYPES: Record<string, string> = { '.json': 'application/json', '.jwt': 'application/jwt', '.html': 'text/html' }

let root: string
let server: Server
let url: string
let issuer: Issuer
let wallets: Openid4vciIssuer
let site: string

/** The registry's files from `site`, and the issuance server below /wallet and at its well-known addresses. */
function handle(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse): void {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
  if (path.startsWith('/wallet/') || path.startsWith('/.well-known/openid-credential-issuer') || path.startsWith('/.well-known/oauth-authorization-server')) {
    wallets.listener(request, response)
    return
  }
  const file = join(site, normalize(path).replace(/^(\.\.[/\\])+/, ''))
  try {
    const target = statSync(file).isDirectory() ? join(file, 'index.html') : file
    const type = path.endsWith('.tsl.jwt') ? 'application/statuslist+jwt' : (TYPES[target.slice(target.lastIndexOf('.'))] ?? 'application/json')
    response.writeHead(200, { 'content-type': type }).end(readFileSync(target))
  } catch {
    response.writeHead(404).end()
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'microcert-oid4vci-store-'))
  site = join(root, 'site')
  server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  url = `http://127.0.0.1:${port}`
  issuer = await createIssuer(join(root, 'issuer'), { did: `did:web:127.0.0.1%3A${port}`, name: 'Univerzita Příkladová', country: 'CZ', url })
  wallets = createOpenid4vciIssuer({
    credentialIssuer: `${url}/wallet`,
    sdJwtIssuer: url,
    signer: issuer.signer,
    publicJwk: issuer.publicKeys.at(-1)!.publicJwk,
    state: createMemoryIssuanceStateStore(),
    loadCredential: createStoreCredentialLoader(issuer),
    allowInsecureLocalhost: true,
  })
})

afterAll(async () => {
  await issuer.close()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  rmSync(root, { recursive: true, force: true })
})

/** A wallet holder presents `sdJwt`; a verifier with no cached status list checks it. */
async function check(learner: ReturnType<typeof wallet>, sdJwt: string, nonce: string) {
  const presentation = await learner.present(sdJwt, ['name'], { nonce, aud: VERIFIER })
  return verifySdJwtVc(presentation, { nonce, audience: VERIFIER, allowInsecureLocalhost: true, trustedIssuers: [issuer.did], timeout: 2_000, cache: createMemoryCache() })
}

// Three publishes and three wallet round trips: more than the default 5 s on a loaded machine.
describe('issuing from an issuer store into a wallet, with the Token Status List publish writes', { timeout: 60_000 }, () => {
  it('issues what the store holds, and the published Token Status List follows revoke, suspend and reinstate', async () => {
    const [kept, revoked] = (await issuer.issueBatch([courseInput(1), courseInput(2)])).issued
    await issuer.publish(site, { pdf: false })
    const learner = wallet()
    const sdJwt = await learner.receive((await wallets.walletLink(kept!.certificateId)).uri)
    const other = await learner.receive((await wallets.createCredentialOffer(revoked!.certificateId)).uri)
    expect(JSON.parse(Buffer.from(sdJwt.split('.')[1]!, 'base64url').toString())).toMatchObject({
      iss: url,
      vct: `${url}/vct/micro-credential`,
      status: { status_list: { idx: kept!.statusIndex % 131_072, uri: `${url}/status/0.tsl.jwt` } },
    })
    expect((await check(learner, sdJwt, 'n-1')).status).toBe('verified')
    expect((await check(learner, other, 'n-2')).status).toBe('verified')

    await issuer.revoke(revoked!.certificateId, { reason: 'issued in error' })
    await issuer.suspend(kept!.certificateId)
    await issuer.publish(site, { pdf: false })
    expect((await check(learner, other, 'n-3')).checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
    expect((await check(learner, sdJwt, 'n-4')).checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_SUSPENDED' })

    await issuer.reinstate(kept!.certificateId)
    await issuer.publish(site, { pdf: false })
    expect((await check(learner, sdJwt, 'n-5')).status).toBe('verified')

    // A revoked credential goes into no wallet any more.
    const gone = await fetch((await wallets.walletLink(revoked!.certificateId)).offerUrl)
    expect(gone.status).toBe(410)
    expect(await createStoreCredentialLoader(issuer)('not a certificate id')).toBeUndefined()
  })

  it('issues from a Data Integrity store too: the credential’s claims without its proof, with the same wallet status', async () => {
    const di = await createIssuer(join(root, 'di-issuer'), { did: issuer.did, name: 'Univerzita Příkladová', country: 'CZ', url, proof: 'eddsa-rdfc-2022' })
    try {
      const [record] = (await di.issueBatch([courseInput(7)])).issued
      const loaded = await createStoreCredentialLoader(di)(record!.certificateId)
      const stored = JSON.parse(record!.credential) as Record<string, unknown>
      expect(stored['proof']).toBeDefined()
      const { proof: _proof, ...claims } = stored
      expect(loaded).toEqual({ credential: claims, status: tokenStatusReference(stored) })
      expect(loaded?.status).toMatchObject({ idx: record!.statusIndex % 131_072 })
    } finally {
      await di.close()
    }
  })
})
