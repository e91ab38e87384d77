import type { Ratio } from './stats.js'

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`
export const mb = (megabytes: number): string => `${megabytes.toFixed(0)} MB`
export const int = (n: number): string => Math.round(n).toLocaleString('en')
export const perSecond = (n: number): string => `${int(n)}/s`
export const ms = (n: number): string => (n >= 100 ? `${n.toFixed(0)} ms` : n >= 10 ? `${n.toFixed(1)} ms` : `${n.toFixed(2)} ms`)
export const us = (n: number): string => `${n.toFixed(1)} µs`
export const seconds = (n: number): string => `${n.toFixed(2)} s`

const times = (x: number): string => (x >= 10 ? x.toFixed(1) : x.toFixed(2))

/** "0.62× (0.58–0.66)". */
export function formatRatio(ratio: Ratio): string {
  const range = ratio.samples > 1 ? ` (${times(ratio.min)}–${times(ratio.max)})` : ''
  return `${times(ratio.median)}×${range}`
}
