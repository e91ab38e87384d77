// Status entries of type BitstringStatusListEntry and StatusList2021Entry, whose list is a VC-JWT or a credential secured
// with Data Integrity (issue 10). Real lists, real signatures, served over HTTP on 127.0.0.1.
import { base64url } from 'jose'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSigner } from '../../src/create-signer.js'
import { signDataIntegrity } from '../../src/data-integrity/index.js'
import { generateKeyPair } from '../../src/generate-key-pair.js'
import { encodeBase58 } from '../../src/lib/base58.js'
import { signJwt } from '../../src/sign-jwt.js'
import { checkCredentialStatus } from '../../src/status/check-credential-status.js'
import { createStatusList } from '../../src/status/create-status-list.js'
import { encodeStatusList } from '../../src/status/encode-status-list.js'
import { setStatusBit } from '../../src/status/set-status-bit.js'
import type { Signer, StatusCheckContext } from '../../src/types.js'
import { party, statusContext, type Party } from './helpers.js'

const now = new Date('2026-11-29T12:00:00Z')
let server: Server
let base: string
const files = new Map<string, string>()
let jwtIssuer: Party
let diIssuer: { did: string; signer: Signer }
let stranger: { did: string; signer: Signer }

/** A did:key issuer (Ed25519), as Data Integrity issuers commonly are. */
async function didKeyParty(): Promise<{ did: string; signer: Signer }> {
  const { privateJwk, publicJwk } = await generateKeyPair('EdDSA')
  const multibase = `z${encodeBase58(new Uint8Array([0xed, 0x01, ...base64url.decode(publicJwk.x!)]))}`
  const did = `did:key:${multibase}`
  return { did, signer: await createSigner(privateJwk, { kid: `${did}#${multibase}` }) }
}

async function bits(set: number[]): Promise<string> {
  const list = createStatusList()
  for (const index of set) setStatusBit(list, index)
  return encodeStatusList(list)
}

/** A StatusList2021Credential (VC 1.1, encodedList without the multibase "u"). */
async function statusList2021(id: string, issuer: string, set: number[], purpose = 'revocation'): Promise<Record<string, unknown>> {
  return {
    '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/vc/status-list/2021/v1'],
    id,
    type: ['VerifiableCredential', 'StatusList2021Credential'],
    issuer,
    issuanceDate: '2026-11-01T00:00:00Z',
    credentialSubject: { id: `${id}#list`, type: 'StatusList2021', statusPurpose: purpose, encodedList: (await bits(set)).slice(1) },
  }
}

/** A BitstringStatusListCredential (VC 2.0). */
async function bitstringList(id: string, issuer: string, set: number[]): Promise<Record<string, unknown>> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: '2026-11-01T00:00:00Z',
    credentialSubject: { id: `${id}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: await bits(set) },
  }
}

beforeAll(async () => {
  jwtIssuer = await party()
  diIssuer = await didKeyParty()
  stranger = await didKeyParty()
  server = createServer((req, res) => {
    const body = files.get(req.url ?? '')
    if (body === undefined) res.writeHead(404).end('not found')
    else res.writeHead(200, { 'content-type': body.startsWith('{') ? 'application/vc+ld+json' : 'application/vc+jwt' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  files.set('/sl2021.jwt', await signJwt({ iss: jwtIssuer.did, vc: await statusList2021(`${base}/sl2021.jwt`, jwtIssuer.did, [12]) }, jwtIssuer.signer))
  files.set('/sl2021-suspension.jwt', await signJwt({ iss: jwtIssuer.did, vc: await statusList2021(`${base}/sl2021-suspension.jwt`, jwtIssuer.did, [5], 'suspension') }, jwtIssuer.signer))
  files.set('/di-bitstring.json', JSON.stringify(await signDataIntegrity(await bitstringList(`${base}/di-bitstring.json`, diIssuer.did, [40]), diIssuer.signer, { created: now })))
  files.set('/di-sl2021.json', JSON.stringify(await signDataIntegrity(await statusList2021(`${base}/di-sl2021.json`, diIssuer.did, [41]), diIssuer.signer, { created: now })))
  const tampered = JSON.parse(files.get('/di-bitstring.json')!) as { credentialSubject: { encodedList: string } }
  tampered.credentialSubject.encodedList = await bits([])
  files.set('/di-tampered.json', JSON.stringify({ ...tampered, id: `${base}/di-tampered.json` }))
  files.set('/di-stranger.json', JSON.stringify(await signDataIntegrity(await bitstringList(`${base}/di-stranger.json`, stranger.did, [40]), stranger.signer, { created: now })))
})

afterAll(() => new Promise((resolve) => server.close(resolve)))

const context = (issuerDid: string, overrides: Partial<StatusCheckContext> = {}) => statusContext(issuerDid, now, overrides)
const entry = (type: string, path: string, index: number | string, purpose = 'revocation') => ({
  credentialStatus: { id: `${base}${path}#${index}`, type, statusPurpose: purpose, statusListIndex: String(index), statusListCredential: `${base}${path}` },
})

describe('StatusList2021Entry (the predecessor of Bitstring Status List)', () => {
  it('reads a StatusList2021Credential VC-JWT: set → revoked, clear → passed', async () => {
    expect(await checkCredentialStatus(entry('StatusList2021Entry', '/sl2021.jwt', 12), context(jwtIssuer.did))).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
    expect(await checkCredentialStatus(entry('StatusList2021Entry', '/sl2021.jwt', 13), context(jwtIssuer.did))).toMatchObject({ outcome: 'passed', details: { statusListIndex: 13 } })
  })

  it('reads a suspension list: set → suspended', async () => {
    expect(await checkCredentialStatus(entry('StatusList2021Entry', '/sl2021-suspension.jwt', 5, 'suspension'), context(jwtIssuer.did))).toMatchObject({
      outcome: 'failed',
      code: 'ERR_CREDENTIAL_SUSPENDED',
    })
  })

  it('reads a StatusList2021Credential secured with Data Integrity', async () => {
    expect(await checkCredentialStatus(entry('StatusList2021Entry', '/di-sl2021.json', 41), context(diIssuer.did))).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
    expect(await checkCredentialStatus(entry('StatusList2021Entry', '/di-sl2021.json', 40), context(diIssuer.did))).toMatchObject({ outcome: 'passed' })
  })

  it('refuses a list of another issuer for a StatusList2021Entry (could not check)', async () => {
    expect(await checkCredentialStatus(entry('StatusList2021Entry', '/sl2021.jwt', 12), context(diIssuer.did))).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID' })
  })
})

describe('Bitstring Status List secured with Data Integrity', () => {
  it('reads a Data Integrity BitstringStatusListCredential of a did:key issuer', async () => {
    expect(await checkCredentialStatus(entry('BitstringStatusListEntry', '/di-bitstring.json', 40), context(diIssuer.did))).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
    expect(await checkCredentialStatus(entry('BitstringStatusListEntry', '/di-bitstring.json', 39), context(diIssuer.did))).toMatchObject({ outcome: 'passed' })
  })

  it('treats a list changed after signing as "could not check" (ERR_STATUS_LIST_INVALID), never as valid', async () => {
    expect(await checkCredentialStatus(entry('BitstringStatusListEntry', '/di-tampered.json', 40), context(diIssuer.did))).toMatchObject({
      outcome: 'unknown',
      code: 'ERR_STATUS_LIST_INVALID',
      details: { reason: 'signature' },
    })
  })

  it('treats a list signed by another issuer as "could not check" (ERR_STATUS_LIST_INVALID)', async () => {
    expect(await checkCredentialStatus(entry('BitstringStatusListEntry', '/di-stranger.json', 40), context(diIssuer.did))).toMatchObject({
      outcome: 'unknown',
      code: 'ERR_STATUS_LIST_INVALID',
    })
  })

  it('reports a JSON list that is not JSON as ERR_STATUS_LIST_INVALID', async () => {
    files.set('/broken.json', '{"type": ')
    expect(await checkCredentialStatus(entry('BitstringStatusListEntry', '/broken.json', 1), context(diIssuer.did))).toMatchObject({
      outcome: 'unknown',
      code: 'ERR_STATUS_LIST_INVALID',
      details: { reason: 'format' },
    })
  })
})
