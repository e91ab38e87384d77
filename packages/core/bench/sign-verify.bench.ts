// Sign and verify throughput of @microcert/core vs raw jose CompactSign / compactVerify on the same key, same run.
import { CompactSign, compactVerify, importJWK } from 'jose'
import { buildCredential, createDidWebDocument, createMemoryCache, createSigner, decodeCredential, signCredential, verifyCredential } from '../src/index.js'
import type { DidResolver } from '../src/index.js'
import keys from '../test/vectors/keys.json' with { type: 'json' }
import input from '../test/vectors/micro-credential-input.json' with { type: 'json' }
import { compare, row } from './lib.js'

const DID = 'did:web:credentials.uni-example.cz'
const NOW = new Date('2026-07-01T12:00:00Z')

export async function run(): Promise<void> {
  const document = createDidWebDocument({
    did: DID,
    keys: [
      { id: 'key-1', publicJwk: keys.issuerEd25519.publicJwk },
      { id: 'key-2', publicJwk: keys.issuerP256.publicJwk },
    ],
  })
  // A resolver with the document already cached (as after the first verification).
  const resolver: DidResolver = { resolve: async () => document }
  const cache = createMemoryCache()
  console.log(`${'operation (ops per CPU-second, 1 in flight)'.padEnd(44)} ${'ours'.padStart(8)} ${'jose'.padStart(8)} ${'ratio'.padStart(7)}`)
  for (const [alg, pair, kid] of [
    ['ES256', keys.issuerP256, `${DID}#key-2`],
    ['EdDSA', keys.issuerEd25519, `${DID}#key-1`],
  ] as const) {
    const signer = await createSigner(pair.privateJwk, { kid })
    const privateKey = await importJWK(pair.privateJwk, alg)
    const publicKey = await importJWK(pair.publicJwk, alg)
    const options = { id: 'https://credentials.uni-example.cz/credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K', now: NOW }
    const credential = buildCredential(input as never, options)
    const jwt = await signCredential(credential, signer)
    // Raw jose signs the same payload bytes our token carries.
    const payload = new TextEncoder().encode(JSON.stringify(decodeCredential(jwt).payload))
    const header = { alg, kid, typ: 'JWT' }

    const rawSign = () => new CompactSign(payload).setProtectedHeader(header).sign(privateKey)
    const rawVerify = () => compactVerify(jwt, publicKey)
    const verify = async () => {
      const result = await verifyCredential(jwt, { resolver, cache, now: NOW })
      if (!result.verified) throw new Error(`bench credential did not verify: ${JSON.stringify(result.checks)}`)
    }
    console.log(row(`${alg} buildCredential + signCredential`, await compare(() => signCredential(buildCredential(input as never, options), signer), rawSign), 0.6))
    console.log(row(`${alg} signCredential only`, await compare(() => signCredential(credential, signer), rawSign), 0.6))
    const verified = await compare(verify, rawVerify)
    console.log(row(`${alg} verifyCredential (DID + key cached)`, verified, 0.7))
    console.log(`${`${alg} verifyCredential latency`.padEnd(44)} ${(1000 / verified.ours).toFixed(3)} ms CPU per credential (budget ≤ 1 ms)`)
  }
}
