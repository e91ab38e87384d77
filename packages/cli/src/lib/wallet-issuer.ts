import { join } from 'node:path'
import type { Issuer } from '@microcert/core/node'
import type { CredentialToIssue, Openid4vciIssuer } from '@microcert/openid4vci'
import { CliError, usageError } from './cli-error.js'
import type { CliIo } from './io.js'
import type { Mount } from './static-server.js'
import { isDatabaseStore, openStore } from './store-location.js'

/** How long a wallet request waits for a directory store that another microcert command is using. */
const LOCK_WAIT_MS = 15_000

/** What the issuance server needs of an issuer store: who issues, with which key, and where the store is. */
export type WalletStore = Pick<Issuer, 'location' | 'registryUrl' | 'did' | 'profile' | 'signer' | 'publicKeys'>

export interface WalletIssuerOptions {
  /** The credential issuer URL (`--issuer-url`). Default `<registry>/wallet`. */
  issuerUrl?: string
  /** Where offers, tokens and nonces live (`--state DIR`). Default `<store>/openid4vci` for a directory store. */
  stateDir?: string
  /** The command, for usage errors. */
  command: string
}

/** The default address of the issuance server: `/wallet` beside the registry, where `serve --issue` mounts it. */
export function defaultIssuerUrl(registryUrl: string): string {
  return `${registryUrl}/wallet`
}

function isLocalHttp(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' && (parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1')
  } catch {
    return false
  }
}

/**
 * What an offer stands for, read from the store a command names, opened for each wallet request and closed again: a
 * directory store admits one process at a time, and `issue`, `revoke`, `publish` or `offer` must keep working while
 * the issuance server runs.
 */
export function storeCredentialLoader(io: CliIo, storeArg: string): (subject: string) => Promise<CredentialToIssue | undefined> {
  return async (subject) => {
    const { createStoreCredentialLoader } = await import('@microcert/openid4vci')
    const issuer = await openStore(io, storeArg, { lockTimeout: LOCK_WAIT_MS })
    try {
      return await createStoreCredentialLoader(issuer)(subject)
    } finally {
      await issuer.close()
    }
  }
}

/**
 * The OpenID4VCI issuance server of an issuer store (loaded on first use: the other commands never load the OpenID4VC
 * libraries). Its short-lived state (offers, codes, tokens, nonces, the wallet link secret) sits in a directory every
 * process of this machine shares, so an offer `microcert offer` makes is redeemed by a running `serve --issue`.
 */
export async function createWalletIssuer(
  store: WalletStore,
  loadCredential: (subject: string) => Promise<CredentialToIssue | undefined>,
  options: WalletIssuerOptions,
): Promise<{ wallets: Openid4vciIssuer; credentialIssuer: string }> {
  const { createFileIssuanceStateStore, createOpenid4vciIssuer } = await import('@microcert/openid4vci')
  const credentialIssuer = (options.issuerUrl ?? defaultIssuerUrl(store.registryUrl)).replace(/\/+$/, '')
  // The issuer stores will keep this state themselves (both engines); until then, a directory beside the store's files.
  let stateDir = options.stateDir
  if (stateDir === undefined) {
    if (isDatabaseStore(store.location)) {
      throw new CliError(
        'a PostgreSQL store keeps no files for wallet offers',
        2,
        `give a directory that every issuing process of this machine shares: --state DIR (run "microcert ${options.command} --help")`,
      )
    }
    stateDir = join(store.location, 'openid4vci')
  }
  const state = await createFileIssuanceStateStore(stateDir)
  const active = store.publicKeys.find((key) => key.kid === store.signer.kid) ?? store.publicKeys.at(-1)!
  try {
    const wallets = createOpenid4vciIssuer({
      credentialIssuer,
      sdJwtIssuer: store.registryUrl,
      signer: store.signer,
      publicJwk: active.publicJwk,
      state,
      issuerName: store.profile.name,
      loadCredential,
      allowInsecureLocalhost: isLocalHttp(credentialIssuer) || isLocalHttp(store.registryUrl),
    })
    return { wallets, credentialIssuer }
  } catch (error) {
    if (error instanceof TypeError) {
      throw usageError(`--issuer-url must be an https URL (http only on localhost), got "${credentialIssuer}"`, options.command)
    }
    throw error
  }
}

/** The paths of the issuance server at `credentialIssuer` on the host that serves the site (see `serve --issue`). */
export function walletMount(wallets: Openid4vciIssuer, credentialIssuer: string): Mount {
  const path = new URL(credentialIssuer).pathname.replace(/\/+$/, '')
  const wellKnown = ['openid-credential-issuer', 'oauth-authorization-server'].flatMap((name) => [`/.well-known/${name}${path}`, `${path}/.well-known/${name}`])
  const endpoints = ['nonce', 'token', 'credential'].map((name) => `${path}/${name}`)
  return {
    matches: (pathname) => wellKnown.includes(pathname) || endpoints.includes(pathname) || pathname.startsWith(`${path}/offers/`),
    listener: wallets.listener,
  }
}

/** What the issuance server keeps of a store after closing it (the signer holds its key without the store's lock). */
export function walletStoreOf(issuer: Issuer): WalletStore {
  return {
    location: issuer.location,
    registryUrl: issuer.registryUrl,
    did: issuer.did,
    profile: issuer.profile,
    signer: issuer.signer,
    publicKeys: issuer.publicKeys,
  }
}
