// Test-only Digital Bazaar packages (reference implementations for interop); they ship no types.
declare module '@digitalbazaar/ed25519-multikey'
declare module '@digitalbazaar/ed25519-verification-key-2020'
declare module '@digitalbazaar/vc'
