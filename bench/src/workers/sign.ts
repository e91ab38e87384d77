// Build + sign, and sign alone, against jose CompactSign of the same payload bytes (already encoded: the floor).
// Every operation builds a credential for a different learner.
import { buildCredential, createSigner, decodeCredential, generateKeyPair, signCredential } from '@microcert/core'
import { CompactSign, importJWK } from 'jose'
import { issueInput } from '../lib/fixtures.js'
import { interleave } from '../lib/interleave.js'
import { sendResult, workerParams } from '../lib/worker.js'

const { alg, mode, rounds, ms } = workerParams<{ alg: 'ES256' | 'EdDSA'; mode: 'build+sign' | 'sign'; rounds: number; ms: number }>()
const DID = 'did:web:127.0.0.1%3A8999'
const KID = `${DID}#key-1`
const DISTINCT = 1000

const { privateJwk } = await generateKeyPair(alg)
const signer = await createSigner(privateJwk, { kid: KID })
const key = await importJWK(privateJwk, alg)
const profile = { id: DID, name: 'Bench University', country: 'CZ', url: 'http://127.0.0.1:8999' }
const inputs = Array.from({ length: DISTINCT }, (_, i) => ({ ...issueInput(i), issuer: profile }))
const ids = inputs.map((_, i) => `http://127.0.0.1:8999/credentials/MC-${String(i).padStart(6, '0')}`)
const credentials = inputs.map((input, i) => buildCredential(input as never, { id: ids[i]! }))
// The exact payload bytes our tokens carry, so the baseline signs the same number of bytes.
const payloads = await Promise.all(
  credentials.map(async (c) => new TextEncoder().encode(JSON.stringify(decodeCredential(await signCredential(c, signer)).payload))),
)
const header = { alg, kid: KID, typ: 'JWT' }

let i = 0
let j = 0
const ours =
  mode === 'build+sign'
    ? () => {
        const n = i++ % DISTINCT
        return signCredential(buildCredential(inputs[n] as never, { id: ids[n]! }), signer)
      }
    : () => signCredential(credentials[i++ % DISTINCT]!, signer)
const raw = () => new CompactSign(payloads[j++ % DISTINCT]!).setProtectedHeader(header).sign(key)

sendResult({ ...(await interleave(ours, raw, { rounds, ms })), payloadBytes: payloads[0]!.length })
