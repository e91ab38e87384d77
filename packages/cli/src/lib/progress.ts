/** A one-line progress bar on a TTY (count, rate, ETA); silent when stderr is not a terminal. */
export class ProgressBar {
  private readonly start = performance.now()
  private last = 0
  private drawn = false

  constructor(
    private readonly out: { write(text: string): unknown; isTTY?: boolean; columns?: number },
    private readonly label: string,
    private readonly enabled = out.isTTY === true,
  ) {}

  /** `fraction` (0..1) drives the bar and ETA; `count` the rate. Redraws at most 10 times a second. */
  update(count: number, fraction: number, force = false): void {
    if (!this.enabled) return
    const now = performance.now()
    if (!force && now - this.last < 100) return
    this.last = now
    const elapsed = (now - this.start) / 1000
    const rate = elapsed > 0 ? count / elapsed : 0
    const f = Math.min(1, Math.max(0, fraction))
    const eta = f > 0 && f < 1 ? (elapsed * (1 - f)) / f : 0
    const width = 24
    const filled = Math.round(f * width)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
    const line = `${this.label} ${bar} ${Math.round(f * 100)
      .toString()
      .padStart(3)}%  ${count.toLocaleString('en')} rows  ${Math.round(rate).toLocaleString('en')}/s  ETA ${formatSeconds(eta)}`
    // A pseudo-terminal without a size reports 0 columns: do not cut the line then.
    const columns = this.out.columns !== undefined && this.out.columns > 20 ? this.out.columns : 200
    this.out.write(`\r${line.slice(0, columns - 1)}\x1b[K`)
    this.drawn = true
  }

  /** Removes the bar so the summary starts on a clean line. */
  done(): void {
    if (this.drawn) this.out.write('\r\x1b[K')
    this.drawn = false
  }
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--'
  const m = Math.floor(s / 60)
  const sec = Math.round(s % 60)
  return m > 0 ? `${m}m${sec.toString().padStart(2, '0')}s` : `${sec}s`
}
