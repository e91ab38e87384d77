import { resolve } from 'node:path'
import { didWebToUrl } from '@microcert/core'
import { createIssuer } from '@microcert/core/node'
import { usageError } from '../lib/cli-error.js'
import { str, type Command } from '../lib/command.js'
import { isDatabaseStore, STORE_HELP, storeArg, storeLocation } from '../lib/store-location.js'

export const initCommand: Command = {
  name: 'init',
  summary: 'Create an issuer store: a signing key, the issuer profile, and empty status lists.',
  synopsis: 'microcert init <store> --did DID --name NAME --country CC --url REGISTRY_URL [--alg ES256|EdDSA] [--key-file FILE]',
  optionHelp: [
    ['--did DID', 'the issuer DID, e.g. did:web:uni.example or did:web:uni.example:microcerts'],
    ['--name NAME', 'the awarding body as shown on credentials'],
    ['--country CC', 'ISO 3166-1 alpha-2 country code, e.g. CZ'],
    ['--url URL', 'base URL where the registry site will be published'],
    ['--alg ALG', 'ES256 (default) or EdDSA'],
    ['--region TEXT', 'region of the issuer (optional)'],
    ['--email ADDRESS', 'contact e-mail (optional)'],
    ['--issuer-url URL', 'home page of the issuer (optional)'],
    ['--key-file FILE', 'where to write the private key (required for a postgres:// store: keys stay out of the database)'],
  ],
  details:
    'The private key is written with mode 0600. An existing issuer or key file is never overwritten.\n' +
    'Verifiers fetch the DID document from the did:web URL: a --did whose document the --url site does not serve\n' +
    `is reported on stderr (credentials would not verify until that URL serves it).\n${STORE_HELP}`,
  examples: [
    'microcert init ./issuer --did did:web:uni.example:microcerts --name "Example University" --country CZ --url https://uni.example/microcerts',
    'microcert init postgres://microcert@db.uni.example/credentials --key-file /etc/microcert/issuer.jwk --did did:web:uni.example --name "Example University" --country CZ --url https://uni.example',
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
  },
  positionals: { min: 1, max: 1, names: 'the issuer store' },
  async run(args, io) {
    const missing = ['did', 'name', 'country', 'url'].filter((o) => str(args, o) === undefined)
    if (missing.length > 0) throw usageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`, 'init')
    const alg = str(args, 'alg') ?? 'ES256'
    if (alg !== 'ES256' && alg !== 'EdDSA') throw usageError(`--alg must be ES256 or EdDSA, got "${alg}"`, 'init')
    const location = storeLocation(io.cwd, args.positionals[0]!)
    const keyFile = str(args, 'key-file')
    if (keyFile === undefined && isDatabaseStore(args.positionals[0]!)) {
      throw usageError('a postgres:// store keeps its private key outside the database: give --key-file FILE', 'init')
    }
    const issuer = await createIssuer(location, {
      did: str(args, 'did')!,
      name: str(args, 'name')!,
      country: str(args, 'country')!,
      url: str(args, 'url')!,
      alg,
      ...(str(args, 'region') === undefined ? {} : { region: str(args, 'region') }),
      ...(str(args, 'email') === undefined ? {} : { email: str(args, 'email') }),
      ...(str(args, 'issuer-url') === undefined ? {} : { issuerUrl: str(args, 'issuer-url') }),
      ...(keyFile === undefined ? {} : { keyFile: resolve(io.cwd, keyFile) }),
    })
    try {
      const warning = didDocumentWarning(issuer.did, issuer.registryUrl)
      if (warning !== undefined) io.stderr.write(`warning: ${warning}\n`)
      io.stdout.write(
        `Created issuer "${issuer.profile.name}" (${issuer.did}) in ${issuer.location}\n` +
          `Registry: ${issuer.registryUrl}\n` +
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
