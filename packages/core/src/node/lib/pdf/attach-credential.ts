import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib'

/**
 * Embeds the signed credential the way PDF/A-3 attaches source data (ISO 19005-3 §6.8): an embedded file stream with
 * its media type, a file specification with `/AFRelationship /Source`, listed in the catalog's `/AF` array and in the
 * `/EmbeddedFiles` name tree (where PDF viewers show attachments).
 */
export function attachCredential(
  doc: PDFDocument,
  data: Uint8Array,
  options: { name: string; mediaType: string; description: string; date: Date },
): void {
  const context = doc.context
  const stream = context.flateStream(data, {
    Type: 'EmbeddedFile',
    Subtype: options.mediaType,
    Params: { Size: data.length, CreationDate: PDFString.fromDate(options.date), ModDate: PDFString.fromDate(options.date) },
  })
  const streamRef = context.register(stream)
  const spec = context.obj({
    Type: 'Filespec',
    F: PDFString.of(options.name),
    UF: PDFHexString.fromText(options.name),
    EF: { F: streamRef, UF: streamRef },
    Desc: PDFHexString.fromText(options.description),
    AFRelationship: 'Source',
  })
  const specRef = context.register(spec)
  doc.catalog.set(PDFName.of('AF'), context.obj([specRef]))
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict) ?? context.obj({})
  names.set(PDFName.of('EmbeddedFiles'), context.obj({ Names: [PDFHexString.fromText(options.name), specRef] }))
  doc.catalog.set(PDFName.of('Names'), names)
}
