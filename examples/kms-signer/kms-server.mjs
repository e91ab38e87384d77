// A local stand-in for a cloud KMS or a PKCS#11 HSM, in a process of its own: it creates keys it never exports
// (non-extractable WebCrypto keys) and signs over HTTP with a bearer token, answering ECDSA signatures DER-encoded the
// way AWS KMS and most HSM APIs do. Only what a signer needs: create a key, list public keys, sign.
//   node kms-server.mjs            prints {"url":"http://127.0.0.1:PORT"} when ready; KMS_TOKEN must be set
import { createServer } from 'node:http'
import { randomUUID } from 'node:crypto'

const token = process.env.KMS_TOKEN
if (!token) throw new Error('set KMS_TOKEN')
const keys = new Map() // keyId -> { alg, privateKey, publicJwk }

const ALGORITHMS = {
  ES256: { generate: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  EdDSA: { generate: { name: 'Ed25519' }, sign: { name: 'Ed25519' } },
}

/** r‖s (64 bytes) → DER SEQUENCE { INTEGER r, INTEGER s }. */
function der(raw) {
  const int = (bytes) => {
    let i = 0
    while (i < bytes.length - 1 && bytes[i] === 0) i++
    const body = bytes[i] & 0x80 ? [0, ...bytes.subarray(i)] : [...bytes.subarray(i)]
    return [0x02, body.length, ...body]
  }
  const seq = [...int(raw.subarray(0, 32)), ...int(raw.subarray(32))]
  return Buffer.from([0x30, seq.length, ...seq])
}

async function body(req) {
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  return Buffer.concat(chunks)
}

const server = createServer(async (req, res) => {
  const reply = (status, value) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
  if (req.headers.authorization !== `Bearer ${token}`) return reply(401, { error: 'unauthorized' })
  try {
    if (req.method === 'POST' && req.url === '/keys') {
      const { alg } = JSON.parse((await body(req)).toString())
      const algorithm = ALGORITHMS[alg]
      if (!algorithm) return reply(400, { error: 'alg must be ES256 or EdDSA' })
      // extractable: false — the private key can be used, never read out, not even by this process.
      const pair = await crypto.subtle.generateKey(algorithm.generate, false, ['sign', 'verify'])
      const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey)
      const keyId = randomUUID()
      keys.set(keyId, { alg, privateKey: pair.privateKey, publicJwk: { kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, ...(publicJwk.y ? { y: publicJwk.y } : {}) } })
      return reply(201, { keyId, alg, publicJwk: keys.get(keyId).publicJwk })
    }
    if (req.method === 'GET' && req.url === '/keys') {
      return reply(200, [...keys].map(([keyId, key]) => ({ keyId, alg: key.alg, publicJwk: key.publicJwk })))
    }
    const sign = /^\/keys\/([0-9a-f-]+)\/sign$/.exec(req.url ?? '')
    if (req.method === 'POST' && sign) {
      const key = keys.get(sign[1])
      if (!key) return reply(404, { error: 'no such key' })
      const signature = new Uint8Array(await crypto.subtle.sign(ALGORITHMS[key.alg].sign, key.privateKey, await body(req)))
      return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(key.alg === 'ES256' ? der(signature) : Buffer.from(signature))
    }
    return reply(404, { error: 'not found' })
  } catch (error) {
    return reply(500, { error: error instanceof Error ? error.message : 'failed' })
  }
})
server.listen(0, '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
