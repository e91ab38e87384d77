/**
 * A yes/no schema check that validates the large parts values share (every credential of a course carries the same
 * achievement, every credential of an issuer the same profile) once per distinct content instead of once per value.
 *
 * It answers exactly what the full schema answers, provided that (1) each part sits at one path of the full schema and
 * is checked there by `schema` alone, (2) `rest` is the full schema with those parts accepted as anything, and (3) no
 * rule of `rest` reads a part unless the part is valid (rules across fields run `when: whenValid`). Then the full schema
 * accepts a value exactly when every part is valid and `rest` accepts the value. A part counts as known only when it
 * equals, property by property, a private copy of a part that passed before; anything unusual (a class instance, an
 * accessor, deep or huge data) is simply checked again.
 */

interface Checkable {
  safeParse(value: unknown): { success: boolean }
}

export interface Part {
  /** Reads the part from a value, as the full schema reads it (undefined when a parent is missing). */
  at(value: unknown): unknown
  schema: Checkable
}

/** Copies of valid parts kept per part, most recently used first. */
const ENTRIES = 8
const MAX_DEPTH = 32
const MAX_NODES = 20_000

export function knownPartsCheck(parts: readonly Part[], rest: () => Checkable): (value: unknown) => boolean {
  const known = parts.map((): unknown[] => [])
  let restSchema: Checkable | undefined
  return (value) => {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!
      const piece = part.at(value)
      const copies = known[i]!
      const hit = copies.findIndex((copy) => equalsCopy(piece, copy, 0))
      if (hit === -1) {
        if (!part.schema.safeParse(piece).success) return false
        const copy = copyOf(piece, 0, { nodes: 0 })
        if (copy !== NOT_COPYABLE) {
          copies.unshift(copy)
          if (copies.length > ENTRIES) copies.pop()
        }
      } else if (hit > 0) {
        copies.unshift(copies.splice(hit, 1)[0])
      }
    }
    restSchema ??= rest()
    return restSchema.safeParse(value).success
  }
}

function at(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined
}

/** Reads `value[k0][k1]…` the way an object schema does, undefined where a parent is not an object. */
export function path(...keys: string[]): (value: unknown) => unknown {
  return (value) => keys.reduce(at, value)
}

const NOT_COPYABLE = Symbol('not copyable')

function isPlainRecord(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** A deep copy of JSON-like data (plain objects of own enumerable data properties, arrays, primitives), or NOT_COPYABLE. */
function copyOf(value: unknown, depth: number, count: { nodes: number }): unknown {
  if (++count.nodes > MAX_NODES) return NOT_COPYABLE
  if (typeof value === 'function' || typeof value === 'symbol') return NOT_COPYABLE
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_DEPTH) return NOT_COPYABLE
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_COPYABLE
    const out: unknown[] = []
    for (let i = 0; i < value.length; i++) {
      const item = copyOf(value[i], depth + 1, count)
      if (item === NOT_COPYABLE) return NOT_COPYABLE
      out.push(item)
    }
    return out
  }
  if (!isPlainRecord(value)) return NOT_COPYABLE
  const out: Record<string, unknown> = {}
  const names = Object.getOwnPropertyNames(value)
  for (const name of names) {
    const descriptor = Object.getOwnPropertyDescriptor(value, name)!
    if (!('value' in descriptor) || !descriptor.enumerable || name === '__proto__') return NOT_COPYABLE
    const item = copyOf(descriptor.value, depth + 1, count)
    if (item === NOT_COPYABLE) return NOT_COPYABLE
    out[name] = item
  }
  return out
}

/**
 * True when `value` equals `copy` (made by `copyOf`) as a schema sees it: the same primitives (Object.is), arrays of
 * the same length and items, plain objects with the same own property names in the same order and equal values.
 */
function equalsCopy(value: unknown, copy: unknown, depth: number): boolean {
  if (typeof copy !== 'object' || copy === null) return Object.is(value, copy)
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return false
  if (Array.isArray(copy)) {
    if (!Array.isArray(value) || value.length !== copy.length || Object.getPrototypeOf(value) !== Array.prototype) return false
    for (let i = 0; i < copy.length; i++) if (!equalsCopy(value[i], copy[i], depth + 1)) return false
    return true
  }
  if (Array.isArray(value) || !isPlainRecord(value)) return false
  // Own names, not just enumerable keys: a schema reads a hidden property as well.
  const names = Object.getOwnPropertyNames(value)
  const copyNames = Object.keys(copy)
  if (names.length !== copyNames.length) return false
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!
    if (name !== copyNames[i] || !equalsCopy((value as Record<string, unknown>)[name], (copy as Record<string, unknown>)[name], depth + 1)) return false
  }
  return true
}
