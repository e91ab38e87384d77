// `cem analyze` reads the JSDoc of src/microcert-verify.ts; this drops what it cannot tell apart from the public API:
// internal state (`_name`) and the event it sees dispatched under a computed name (the four are documented by @fires).
export default {
  globs: ['src/microcert-verify.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'microcert-public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.attributes) decl.attributes = decl.attributes.filter((a) => !a.name.startsWith('_'))
            if (decl.members) decl.members = decl.members.filter((m) => !m.name.startsWith('_') && m.privacy !== 'private')
            if (decl.events) decl.events = decl.events.filter((e) => e.name)
          }
        }
      },
    },
  ],
}
