declare module 'jsonld' {
  interface RemoteDocument {
    contextUrl: string | null
    documentUrl: string
    document: unknown
  }
  interface Options {
    safe?: boolean
    algorithm?: string
    format?: string
    documentLoader?: (url: string) => Promise<RemoteDocument>
  }
  const jsonld: {
    canonize(input: unknown, options?: Options): Promise<string>
    expand(input: unknown, options?: Options): Promise<unknown[]>
  }
  export default jsonld
}
