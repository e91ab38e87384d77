// The performance budgets of DESIGN §12 and issue 14, in one place: `pnpm bench` marks every row against them and
// the CI size step (`src/check-size.ts`) reads the size ones. Ratios are speed ratios (ours ÷ baseline throughput,
// higher is better) unless named `…Time` (ours ÷ baseline time, lower is better).

export const BUDGETS = {
  /** verifyCredential in Node, DID document and status list cached, distinct credentials ÷ jose compactVerify. */
  verifySpeed: 0.7,
  /** buildCredential + signCredential ÷ jose CompactSign of the same payload. */
  buildSignSpeed: 0.7,
  /** `microcert issue --csv` of 10,000 rows ÷ a raw signing process over the same rows. */
  cliIssueSpeed: 0.75,
  /** `microcert issue --csv` run again over rows it issued already (all skipped) ÷ the first run of them (issue 12). */
  cliRerunSpeed: 1,
  /** Peak RSS of `microcert issue --csv` at any row count, in MB. */
  cliPeakRssMb: 160,
  /** decodeStatusList + one lookup ÷ `zlib.gunzipSync` + one bit read (time). */
  statusDecodeTime: 2,
  /** Browser, navigation → verdict event on a cold cache ÷ the raw-jose floor page (time). */
  browserColdTime: 1.3,
  /** Widget: JavaScript a page loads before the first verification (main chunk + its static imports), min+gzip bytes. */
  widgetFirstLoadBytes: 20 * 1024,
  /** Widget: everything a VC-JWT verification loads (first load + the lazy chunks it needs), min+gzip bytes. */
  widgetVcJwtBytes: 45 * 1024,
} as const

/**
 * The CI size gate: `pnpm test` FAILS when the widget's first-load JavaScript (min+gzip, gzip -9) is larger than this —
 * the first-load budget itself, since the CDN build was split (microcert-verify.js loads the verifier chunk when an
 * element connects). The VC-JWT total is reported and warned about, not gated: most of it is core's verifier.
 */
export const WIDGET_FIRST_LOAD_GATE_BYTES: number = BUDGETS.widgetFirstLoadBytes
