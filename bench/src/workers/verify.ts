// Verification of DISTINCT credentials (one after the other through a set of `count`, so no per-credential cache
// can help) against jose compactVerify of the same tokens with the key imported once: the floor. The issuer's DID
// document and status list are fetched once and then cached, as on a verifier that checks many credentials.
// Peers: did-jwt-vc (VC-JWT, its own VC 1.1 payload with the same content) and @digitalbazaar/vc (Data Integrity,
// eddsa-rdfc-2022, the same credential with a static document loader), each against the same floor.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createMemoryCache, verifyCredential } from '@microcert/core'
import { compactVerify, importJWK, type JWK } from 'jose'
import { interleave, type Operation } from '../lib/interleave.js'
import { REPO } from '../lib/fixtures.js'
import { sendResult, workerParams } from '../lib/worker.js'

interface Params {
  subject: 'microcert' | 'did-jwt-vc' | 'digitalbazaar-vc'
  site: string
  did: string
  url: string
  count: number
  rounds: number
  ms: number
}
const params = workerParams<Params>()

const tokens = readdirSync(join(params.site, 'credentials'))
  .filter((f) => f.endsWith('.jwt'))
  .slice(0, params.count)
  .map((f) => readFileSync(join(params.site, 'credentials', f), 'utf8').trim())
const didDocument = JSON.parse(readFileSync(join(params.site, '.well-known', 'did.json'), 'utf8')) as {
  verificationMethod: { id: string; publicKeyJwk: JWK }[]
}
const publicJwk = didDocument.verificationMethod[0]!.publicKeyJwk
const alg = publicJwk.crv === 'Ed25519' ? 'EdDSA' : 'ES256'
const decodePayload = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'))

/** Round-robin over a list, so consecutive calls never see the same item. */
function cycle<T>(items: readonly T[]): () => T {
  let i = 0
  return () => items[i++ % items.length]!
}

async function rawVerifier(jwts: readonly string[], jwk: JWK, algorithm: string): Promise<Operation> {
  const key = await importJWK(jwk, algorithm)
  const next = cycle(jwts)
  return () => compactVerify(next(), key)
}

async function microcert(): Promise<{ ours: Operation; raw: Operation; note: string }> {
  // The registry site, served from memory: the first verification fetches the DID document and status list.
  const files = new Map<string, string>()
  files.set('/.well-known/did.json', readFileSync(join(params.site, '.well-known', 'did.json'), 'utf8'))
  for (const f of readdirSync(join(params.site, 'status'))) files.set(`/status/${f}`, readFileSync(join(params.site, 'status', f), 'utf8'))
  let fetches = 0
  const fetchFn = (async (input: string | URL | Request) => {
    fetches++
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
    const body = files.get(url.pathname)
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { status: 200 })
  }) as typeof fetch
  const options = { fetch: fetchFn, cache: createMemoryCache(), allowInsecureLocalhost: true, trustedIssuers: [params.did] }
  for (const token of tokens) {
    const result = await verifyCredential(token, options)
    if (!result.verified) throw new Error(`bench credential did not verify: ${JSON.stringify(result.checks.filter((c) => c.outcome !== 'passed'))}`)
  }
  const next = cycle(tokens)
  return {
    ours: () => verifyCredential(next(), options),
    raw: await rawVerifier(tokens, publicJwk, alg),
    note: `${tokens.length} distinct ${alg} credentials, ${tokens[0]!.length} chars each; ${fetches} fetches in total`,
  }
}

async function didJwtVc(): Promise<{ ours: Operation; raw: Operation; note: string }> {
  const { createVerifiableCredentialJwt, verifyCredential: verifyVc } = await import('did-jwt-vc')
  const { ES256Signer } = await import('did-jwt')
  const { Resolver } = await import('did-resolver')
  const { generateKeyPair, exportJWK } = await import('jose')
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true })
  const privateJwk = await exportJWK(privateKey)
  const jwk = await exportJWK(publicKey)
  const did = params.did
  const document = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [{ id: `${did}#key-1`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk }],
    assertionMethod: [`${did}#key-1`],
  }
  const resolver = new Resolver({ web: async () => ({ didDocument: document, didDocumentMetadata: {}, didResolutionMetadata: {} }) as never }, { cache: true })
  const issuer = { did, signer: ES256Signer(Buffer.from(privateJwk.d!, 'base64url')), alg: 'ES256' }
  const jwts: string[] = []
  for (const token of tokens) {
    // The same credential content in did-jwt-vc's native shape: VC 1.1 in a "vc" claim.
    const { iss: _iss, jti, sub: _sub, nbf, exp: _exp, '@context': context, id: _id, issuer: _issuer, validFrom: _vf, ...rest } = decodePayload(token)
    const contexts = (context as string[]).slice(1)
    jwts.push(
      await createVerifiableCredentialJwt(
        { jti: jti as string, nbf: nbf as number, vc: { '@context': ['https://www.w3.org/2018/credentials/v1', ...contexts], ...rest } } as never,
        issuer as never,
      ),
    )
  }
  for (const jwt of jwts.slice(0, 3)) await verifyVc(jwt, resolver)
  const next = cycle(jwts)
  return {
    ours: () => verifyVc(next(), resolver),
    raw: await rawVerifier(jwts, jwk, 'ES256'),
    note: `did-jwt-vc verifyCredential, ${jwts.length} distinct ES256 VC-JWTs of the same content (${jwts[0]!.length} chars), resolver cached; floor = jose on its tokens`,
  }
}

async function digitalbazaarVc(): Promise<{ ours: Operation; raw: Operation; note: string }> {
  const vc = await import('@digitalbazaar/vc')
  const { DataIntegrityProof } = await import('@digitalbazaar/data-integrity')
  const { cryptosuite } = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite')
  const Ed25519Multikey = await import('@digitalbazaar/ed25519-multikey')
  const credentialsContext = await import('@digitalbazaar/credentials-context')
  const dataIntegrityContext = await import('@digitalbazaar/data-integrity-context')
  const multikeyContext = await import('@digitalbazaar/multikey-context')
  const didContext = await import('did-context')
  const documents = new Map<string, unknown>([...credentialsContext.contexts, ...dataIntegrityContext.contexts, ...multikeyContext.contexts, ...didContext.contexts])
  const vectors = `${REPO}packages/schemas/test/vectors/`
  documents.set('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', JSON.parse(readFileSync(`${vectors}context-ob-3.0.3.json`, 'utf8')))
  documents.set('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', JSON.parse(readFileSync(`${vectors}context-ob-extensions.json`, 'utf8')))
  const controller = params.did
  const keyPair = await Ed25519Multikey.generate({ controller })
  const publicKey = await keyPair.export({ publicKey: true, includeContext: true })
  documents.set(publicKey['id'] as string, publicKey)
  documents.set(controller, { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: controller, assertionMethod: [publicKey] })
  // Static: every document is in memory, nothing goes to the network.
  const documentLoader = async (url: string) => {
    const document = documents.get(url) ?? documents.get(url.split('#')[0]!)
    if (document === undefined) throw new Error(`bench document loader: no document for ${url}`)
    return { contextUrl: null, documentUrl: url, document }
  }
  const count = Math.min(tokens.length, 200)
  const signed: Record<string, unknown>[] = []
  const signSuite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite })
  for (const token of tokens.slice(0, count)) {
    const { iss: _iss, jti: _jti, sub: _sub, nbf: _nbf, exp: _exp, ...credential } = decodePayload(token)
    signed.push(await vc.issue({ credential: { ...credential, issuer: { ...(credential['issuer'] as object), id: controller } }, suite: signSuite, documentLoader }))
  }
  const verifySuite = new DataIntegrityProof({ cryptosuite })
  const checkStatus = async () => ({ verified: true })
  const verifyOne = async (credential: Record<string, unknown>) => {
    const result = await vc.verifyCredential({ credential, suite: verifySuite, documentLoader, checkStatus })
    if (!result.verified) throw new Error(`Data Integrity credential did not verify: ${String(result.error)}`)
  }
  await verifyOne(signed[0]!)
  const next = cycle(signed)
  // The floor: jose verifying an EdDSA JWS of the same credential bytes.
  const { generateKeyPair, CompactSign } = await import('jose')
  const pair = await generateKeyPair('EdDSA')
  const jws = await Promise.all(signed.map((c) => new CompactSign(new TextEncoder().encode(JSON.stringify(c))).setProtectedHeader({ alg: 'EdDSA' }).sign(pair.privateKey)))
  const nextJws = cycle(jws)
  return {
    ours: () => verifyOne(next()),
    raw: () => compactVerify(nextJws(), pair.publicKey),
    note: `@digitalbazaar/vc verifyCredential, ${count} distinct eddsa-rdfc-2022 credentials of the same content, static document loader; floor = jose EdDSA on the same bytes`,
  }
}

const setup = { microcert, 'did-jwt-vc': didJwtVc, 'digitalbazaar-vc': digitalbazaarVc }[params.subject]
const { ours, raw, note } = await setup()
sendResult({ ...(await interleave(ours, raw, { rounds: params.rounds, ms: params.ms })), note })
