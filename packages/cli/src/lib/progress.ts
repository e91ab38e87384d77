/** Where a batch stands. `fraction` (0..1) drives the bar and the ETA; `total` is shown as the row count to reach. */
export interface ProgressState {
  done: number
  fraction: number
  failed?: number
  /** Rows in all; an estimate (shown as `~5,000`) unless `exact`. */
  total?: number
  exact?: boolean
}

export interface ProgressOptions {
  /** Draw a bar that redraws in place (default: whether the stream is a terminal); otherwise print plain lines. */
  interactive?: boolean
  /** Plain-line mode: at most one line per this many milliseconds (default 5000), the first one after as long. */
  lineIntervalMs?: number
  /** Clock in milliseconds (default `performance.now`). */
  now?: () => number
}

type Out = { write(text: string): unknown; isTTY?: boolean; columns?: number }

/**
 * Progress of a batch on stderr. On a terminal: a one-line bar (count, rate, ETA) redrawn at most 10 times a
 * second. Otherwise (a log file, CI, a pipe): a plain line every few seconds, e.g. `issuing: 1,200/~5,000 rows,
 * 3 failed`. Neither ever goes backwards: the count, the failures and the fraction only grow.
 */
export class ProgressBar {
  private readonly now: () => number
  private readonly interactive: boolean
  private readonly lineInterval: number
  private readonly start: number
  private last: number
  private drawn = false
  private shown: Required<Omit<ProgressState, 'total' | 'exact'>> = { done: 0, fraction: 0, failed: 0 }
  private total: number | undefined
  private exact = false

  constructor(
    private readonly out: Out,
    private readonly label: string,
    options: ProgressOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now())
    this.interactive = options.interactive ?? out.isTTY === true
    this.lineInterval = options.lineIntervalMs ?? 5000
    this.start = this.now()
    this.last = this.interactive ? -Infinity : this.start
  }

  update(state: ProgressState, force = false): void {
    this.shown = {
      done: Math.max(this.shown.done, state.done),
      fraction: Math.min(1, Math.max(this.shown.fraction, state.fraction)),
      failed: Math.max(this.shown.failed, state.failed ?? 0),
    }
    if (state.total !== undefined && !this.exact) {
      this.total = state.total
      this.exact = state.exact === true
    }
    const now = this.now()
    if (this.interactive) {
      if (!force && now - this.last < 100) return
      this.last = now
      this.draw(now)
    } else if (now - this.last >= this.lineInterval) {
      this.last = now
      this.out.write(`${this.label}: ${this.counts()}\n`)
    }
  }

  /** Removes the bar so the summary starts on a clean line. */
  done(): void {
    if (this.drawn) this.out.write('\r\x1b[K')
    this.drawn = false
  }

  private counts(): string {
    const { done, failed } = this.shown
    const total = this.total === undefined ? '' : `/${this.exact ? '' : '~'}${Math.max(this.total, done).toLocaleString('en')}`
    return `${done.toLocaleString('en')}${total} rows${failed > 0 ? `, ${failed.toLocaleString('en')} failed` : ''}`
  }

  private draw(now: number): void {
    const { done, fraction, failed } = this.shown
    const elapsed = (now - this.start) / 1000
    const rate = elapsed > 0 ? done / elapsed : 0
    const eta = fraction > 0 && fraction < 1 ? (elapsed * (1 - fraction)) / fraction : 0
    const width = 24
    const filled = Math.round(fraction * width)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
    const line =
      `${this.label} ${bar} ${Math.round(fraction * 100)
        .toString()
        .padStart(3)}%  ${done.toLocaleString('en')} rows` +
      `${failed > 0 ? `, ${failed.toLocaleString('en')} failed` : ''}  ${Math.round(rate).toLocaleString('en')}/s  ETA ${formatSeconds(eta)}`
    // A pseudo-terminal without a size reports 0 columns: do not cut the line then.
    const columns = this.out.columns !== undefined && this.out.columns > 20 ? this.out.columns : 200
    this.out.write(`\r${line.slice(0, columns - 1)}\x1b[K`)
    this.drawn = true
  }
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--'
  const m = Math.floor(s / 60)
  const sec = Math.round(s % 60)
  return m > 0 ? `${m}m${sec.toString().padStart(2, '0')}s` : `${sec}s`
}
