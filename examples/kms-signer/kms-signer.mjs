// The signer module microcert loads (`microcert init --signer ./kms-signer.mjs`, MICROCERT_SIGNER=./kms-signer.mjs):
// its default export is a factory that microcert calls with the public key it needs ({ kid, alg, publicJwk, purpose,
// location }) and that returns a Signer ({ alg, kid, sign(bytes) }). This one finds that key in the KMS by its public
// key and signs there; the private key never reaches this process. Configure it with KMS_URL and KMS_TOKEN.
// For a real KMS, swap the two fetch calls for its SDK (AWS KMS Sign with ECDSA_SHA_256 and MessageType RAW, Google
// Cloud KMS asymmetricSign, Azure Key Vault sign, or a PKCS#11 C_Sign with CKM_ECDSA over the SHA-256 digest).
async function kms(path, init = {}) {
  const { KMS_URL: url, KMS_TOKEN: token } = process.env
  const response = await fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } })
  if (!response.ok) throw new Error(`KMS ${init.method ?? 'GET'} ${path}: HTTP ${response.status}`)
  return response
}

/** @type {import('@microcert/core/node').SignerFactory} */
export default async function createSigner({ kid, alg, publicJwk }) {
  if (!process.env.KMS_URL || !process.env.KMS_TOKEN) throw new Error('set KMS_URL and KMS_TOKEN for the KMS signer')
  const keys = await (await kms('/keys')).json()
  const key = keys.find((k) => k.publicJwk.x === publicJwk.x && k.publicJwk.y === publicJwk.y)
  if (!key) throw new Error(`the KMS holds no key for ${kid}`)
  return {
    alg,
    kid,
    // microcert turns the DER-encoded ECDSA signature the KMS answers into the raw r‖s that JWS needs.
    async sign(data) {
      const response = await kms(`/keys/${key.keyId}/sign`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: data })
      return new Uint8Array(await response.arrayBuffer())
    },
  }
}
