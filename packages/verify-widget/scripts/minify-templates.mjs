// esbuild plugin for the CDN build: squeezes the white space out of the widget's own Lit templates, which esbuild
// leaves as written. html`` / svg``: a run of white space that holds a line break becomes one space (HTML collapses
// such runs anyway; no <pre> or <textarea> in the widget). css``: comments go, white space collapses, and the
// spaces around `{ } ; , :` that CSS ignores are dropped. Only the static parts of each template change.
import { readFile } from 'node:fs/promises'
import ts from 'typescript'

/** @param {string} text @param {'html' | 'css'} kind */
export function squeeze(text, kind) {
  if (kind === 'html') return text.replace(/\s*\n\s*/g, ' ')
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
}

const KINDS = { html: 'html', svg: 'html', css: 'css' }

/** @param {string} source @param {string} fileName */
export function minifyTemplates(source, fileName) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true)
  /** @type {{ start: number; end: number; text: string }[]} */
  const edits = []
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && KINDS[node.tag.text]) {
      const kind = KINDS[node.tag.text]
      const t = node.template
      const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((s) => s.literal)]
      for (const part of parts) {
        // The raw text between the delimiters: ` or } before it, ` or ${ after it.
        const start = part.getStart(file) + 1
        const end = part.getEnd() - (part.kind === ts.SyntaxKind.TemplateHead || part.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1)
        edits.push({ start, end, text: squeeze(source.slice(start, end), kind) })
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  let out = source
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
  return out
}

/** @type {import('esbuild').Plugin} */
export const minifyTemplatesPlugin = {
  name: 'microcert-minify-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]verify-widget[\\/]src[\\/].*\.ts$/ }, async (args) => ({
      contents: minifyTemplates(await readFile(args.path, 'utf8'), args.path),
      loader: 'ts',
    }))
  },
}
