import type { BenchCase } from '../lib/bench-case.js'
import { browserCase } from './browser.js'
import { cliIssueCase } from './cli-issue.js'
import { cliRerunCase } from './cli-rerun.js'
import { pdfCase } from './pdf.js'
import { publishCase } from './publish.js'
import { publishPdfCase } from './publish-pdf.js'
import { signCase } from './sign.js'
import { sizeCase } from './size.js'
import { statusCase } from './status.js'
import { storeCase } from './store.js'
import { verifyCase } from './verify.js'

/**
 * Every case of `pnpm bench`, in the order of the table. A new case is a `BenchCase` in its own file here (slow
 * work in a worker under ../workers/), added to this list.
 */
export const CASES: readonly BenchCase[] = [
  verifyCase,
  signCase,
  cliIssueCase,
  cliRerunCase,
  statusCase,
  publishCase,
  publishPdfCase,
  storeCase,
  pdfCase,
  sizeCase,
  browserCase,
]
