import { EU_ELEMENTS, type EuElement } from '../eu-elements.js'

/** The suffix every message about an EU element carries, e.g. " (EU micro-credential element 6: learning outcomes)". */
export function euSuffix(element: EuElement | undefined): string {
  return element === undefined ? '' : ` (EU micro-credential element ${element}: ${EU_ELEMENTS[element]})`
}

/** A short English description of what a value is, for "expected X, got Y" messages. */
export function describeValue(input: unknown): string {
  if (input === null) return 'null'
  if (Array.isArray(input)) return 'a list'
  switch (typeof input) {
    case 'string':
      return 'text'
    case 'number':
      return Number.isFinite(input) ? 'a number' : 'a non-finite number'
    case 'boolean':
      return 'true/false'
    case 'object':
      return input instanceof Date ? 'a Date object' : 'an object'
    default:
      return typeof input
  }
}
