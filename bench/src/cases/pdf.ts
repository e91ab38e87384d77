import { compareInProcesses, type BenchCase } from '../lib/bench-case.js'
import { kb, ms } from '../lib/format.js'
import type { Row } from '../lib/report.js'

export const pdfCase: BenchCase = {
  name: 'pdf',
  summary: 'PDF certificates: render one and extract its credential, each against signing the same credential',
  async run(context) {
    const rows: Row[] = []
    for (const mode of ['render', 'extract'] as const) {
      context.log(`pdf: ${mode}`)
      const result = await compareInProcesses(context, 'pdf', { mode })
      rows.push({
        group: 'pdf',
        name: mode === 'render' ? 'render a PDF certificate (1 page)' : 'extract the credential from a PDF',
        baseline: 'signCredential of the same credential',
        ours: ms(1000 / result.ours),
        base: ms(1000 / result.base),
        ratio: result.ratio,
        note: `CPU ms per operation${mode === 'render' ? `; the PDF is ${kb(Number(result.extra['pdfBytes']))}` : ''}`,
      })
    }
    return rows
  },
}
