import { resolve } from 'node:path'
import { didWebToUrl } from '@microcert/core'
import { createIssuer, type ProofType } from '@microcert/core/node'
import { usageError } from '../lib/cli-error.js'
import { str, type Command } from '../lib/command.js'
import { readPublicKeyFile } from '../lib/public-key-file.js'
import { loadSignerFactory, SIGNER_HELP, signerModuleOf } from '../lib/signer-module.js'
import { isDatabaseStore, STORE_HELP, storeArg, storeLocation } from '../lib/store-location.js'

const PROOFS: readonly ProofType[] = ['vc-jwt', 'eddsa-rdfc-2022']

export const initCommand: Command = {
  name: 'init',
  summary: 'Create an issuer store: a signing key, the issuer profile, and empty status lists.',
  synopsis:
    'microcert init <store> --did DID --name NAME --country CC --url REGISTRY_URL [--alg ES256|EdDSA] [--proof vc-jwt|eddsa-rdfc-2022]\n' +
    '               [--key-file FILE | --public-key PUB.jwk --signer MODULE]',
  optionHelp: [
    ['--did DID', 'the issuer DID, e.g. did:web:uni.example or did:web:uni.example:microcerts'],
    ['--name NAME', 'the awarding body as shown on credentials'],
    ['--country CC', 'ISO 3166-1 alpha-2 country code, e.g. CZ'],
    ['--url URL', 'base URL where the registry site will be published'],
    ['--alg ALG', 'ES256 (default; EdDSA with --proof eddsa-rdfc-2022) or EdDSA'],
    ['--proof PROOF', 'vc-jwt (default: compact JWS) or eddsa-rdfc-2022 (Data Integrity, JSON credentials; needs an Ed25519 key)'],
    ['--region TEXT', 'region of the issuer (optional)'],
    ['--email ADDRESS', 'contact e-mail (optional)'],
    ['--issuer-url URL', 'home page of the issuer (optional)'],
    ['--key-file FILE', 'where to write the private key (required for a postgres:// store: keys stay out of the database)'],
    ['--public-key FILE', 'bring your own key: the public JWK of a key that stays in a KMS/HSM (with --signer)'],
    ['--signer MODULE', `the signer module of that key (default: $${'MICROCERT_SIGNER'}); every later command that signs needs it too`],
  ],
  details:
    'The private key is written with mode 0600. An existing issuer or key file is never overwritten. With --public-key\n' +
    'and --signer no private key is written anywhere: the key stays where the signer keeps it.\n' +
    `${SIGNER_HELP}\n` +
    'Verifiers fetch the DID document from the did:web URL: a --did whose document the --url site does not serve\n' +
    `is reported on stderr (credentials would not verify until that URL serves it).\n${STORE_HELP}`,
  examples: [
    'microcert init ./issuer --did did:web:uni.example:microcerts --name "Example University" --country CZ --url https://uni.example/microcerts',
    'microcert init postgres://microcert@db.uni.example/credentials --key-file /etc/microcert/issuer.jwk --did did:web:uni.example --name "Example University" --country CZ --url https://uni.example',
    'microcert init ./issuer --public-key kms-key-1.pub.jwk --signer ./kms-signer.mjs --did did:web:uni.example --name "Example University" --country CZ --url https://uni.example',
    'microcert init ./issuer --proof eddsa-rdfc-2022 --did did:web:uni.example --name "Example University" --country CZ --url https://uni.example',
  ],
  options: {
    did: { type: 'string' },
    name: { type: 'string' },
    country: { type: 'string' },
    url: { type: 'string' },
    alg: { type: 'string' },
    region: { type: 'string' },
    email: { type: 'string' },
    'issuer-url': { type: 'string' },
    'key-file': { type: 'string' },
    proof: { type: 'string' },
    'public-key': { type: 'string' },
    signer: { type: 'string' },
  },
  positionals: { min: 1, max: 1, names: 'the issuer store' },
  async run(args, io) {
    const missing = ['did', 'name', 'country', 'url'].filter((o) => str(args, o) === undefined)
    if (missing.length > 0) throw usageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`, 'init')
    const alg = str(args, 'alg')
    if (alg !== undefined && alg !== 'ES256' && alg !== 'EdDSA') throw usageError(`--alg must be ES256 or EdDSA, got "${alg}"`, 'init')
    const proof = str(args, 'proof') ?? 'vc-jwt'
    if (!PROOFS.includes(proof as ProofType)) throw usageError(`--proof must be ${PROOFS.join(' or ')}, got "${proof}"`, 'init')
    if (proof === 'eddsa-rdfc-2022' && alg === 'ES256') {
      throw usageError('--proof eddsa-rdfc-2022 signs with an Ed25519 key: leave out --alg, or give --alg EdDSA', 'init')
    }
    const location = storeLocation(io.cwd, args.positionals[0]!)
    const keyFile = str(args, 'key-file')
    const publicKey = str(args, 'public-key')
    const signerModule = publicKey === undefined ? str(args, 'signer') : signerModuleOf(io, str(args, 'signer'))
    if ((publicKey === undefined) !== (signerModule === undefined)) throw usageError('--public-key and --signer go together', 'init')
    if (publicKey !== undefined && keyFile !== undefined) throw usageError('--key-file is for a key microcert generates; with --public-key the key stays in the signer', 'init')
    if (keyFile === undefined && publicKey === undefined && isDatabaseStore(args.positionals[0]!)) {
      throw usageError('a postgres:// store keeps its private key outside the database: give --key-file FILE (or --public-key with --signer)', 'init')
    }
    const brought =
      publicKey === undefined ? {} : { publicJwk: await readPublicKeyFile(resolve(io.cwd, publicKey)), signer: await loadSignerFactory(io, signerModule!) }
    const issuer = await createIssuer(location, {
      ...brought,
      proof: proof as ProofType,
      ...(alg === undefined ? {} : { alg }),
      did: str(args, 'did')!,
      name: str(args, 'name')!,
      country: str(args, 'country')!,
      url: str(args, 'url')!,
      ...(str(args, 'region') === undefined ? {} : { region: str(args, 'region') }),
      ...(str(args, 'email') === undefined ? {} : { email: str(args, 'email') }),
      ...(str(args, 'issuer-url') === undefined ? {} : { issuerUrl: str(args, 'issuer-url') }),
      ...(keyFile === undefined ? {} : { keyFile: resolve(io.cwd, keyFile) }),
    })
    try {
      const warning = didDocumentWarning(issuer.did, issuer.registryUrl)
      if (warning !== undefined) io.stderr.write(`warning: ${warning}\n`)
      const key = issuer.keys[0]!
      io.stdout.write(
        `Created issuer "${issuer.profile.name}" (${issuer.did}) in ${issuer.location}\n` +
          `Registry: ${issuer.registryUrl}\n` +
          `Key: ${key.kid} (${key.alg}, ${key.holder === 'signer' ? 'held by the signer' : 'private key file mode 0600'}); proof: ${issuer.proof}\n` +
          `Next: microcert issue ${storeArg(args.positionals[0]!, issuer)} --csv learners.csv --achievement course.json\n`,
      )
    } finally {
      await issuer.close()
    }
    return 0
  },
}

/** Why verifiers would not find the issuer's keys: the DID document belongs outside the registry site. */
function didDocumentWarning(did: string, registryUrl: string): string | undefined {
  let documentUrl: string
  try {
    documentUrl = didWebToUrl(did, { allowInsecureLocalhost: true })
  } catch {
    return undefined
  }
  const schemeless = (url: string) => url.replace(/^https?:/, '')
  const base = registryUrl.endsWith('/') ? registryUrl : `${registryUrl}/`
  if (schemeless(documentUrl).startsWith(schemeless(base))) return undefined
  return (
    `verifiers fetch the DID document of ${did} from ${documentUrl}, which the registry ${registryUrl} does not serve; ` +
    'serve it there too, or create the issuer with a did:web that matches the registry URL ' +
    '(e.g. did:web:uni.example:microcerts for https://uni.example/microcerts)'
  )
}
