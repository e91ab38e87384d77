import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isMicroCredentialInput, MicroCredentialInput } from '../src/index.js'
import { validInput } from './helpers.js'

type AnyRecord = Record<string, any>

/** Every path to a value inside `value` (objects and arrays included), as key lists. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix]
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
  return [prefix, ...keys.flatMap((key) => pathsOf((value as AnyRecord)[key], [...prefix, key]))]
}

type Mutation = { path: number; change: { delete: true } | { set: unknown } }

/** Applies mutations at paths picked by index among the paths of the value as it is at that moment. */
function mutate<T>(value: T, mutations: readonly Mutation[]): T {
  for (const { path: pick, change } of mutations) {
    const paths = pathsOf(value).filter((p) => p.length > 0)
    const path = paths[pick % paths.length]
    if (path === undefined) continue
    const parent = path.slice(0, -1).reduce((node: any, key) => node[key], value)
    const key = path[path.length - 1]!
    if ('delete' in change) {
      if (Array.isArray(parent)) parent.splice(key as number, 1)
      else delete parent[key]
    } else {
      parent[key] = change.set
    }
  }
  return value
}

// Replacements a hostile or sloppy issuer might write: JSON of any kind, and values close to the valid ones.
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', 'x', 'did:web:uni.example', 'https://uni.example/', '2026-13-45T00:00:00Z', 'CZ', 'Czech', 0, -1, 181, 3, 1e308, null, true, [], {}),
)
const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.nat(),
  change: fc.oneof({ arbitrary: fc.constant({ delete: true as const }), weight: 1 }, { arbitrary: replacement.map((set) => ({ set })), weight: 3 }),
})

/**
 * A run of values made from a few shared variants, as a verifier sees them: some values share the very same part
 * objects, some get fresh copies, some mutate a part after it was accepted.
 */
function sequences(base: () => AnyRecord, parts: readonly string[][]) {
  const variant = fc.array(mutation, { maxLength: 3 })
  return fc.record({
    variants: fc.array(variant, { minLength: 1, maxLength: 4 }),
    steps: fc.array(
      fc.record({ variant: fc.nat(), part: fc.nat(), reuse: fc.boolean(), after: fc.array(mutation, { maxLength: 1 }) }),
      { minLength: 1, maxLength: 12 },
    ),
  }).map(({ variants, steps }) => {
    const made = variants.map((mutations) => mutate(base(), mutations))
    return steps.map((step) => {
      const source = made[step.variant % made.length]!
      const value = structuredClone(source)
      const part = parts[step.part % parts.length]!
      // The same part object as the variant's: a cache that trusted object identity would be fooled by `after`.
      if (step.reuse) {
        const target = part.slice(0, -1).reduce((node: any, key) => (typeof node === 'object' && node !== null ? node[key] : undefined), value)
        const shared = part.reduce((node: any, key) => (typeof node === 'object' && node !== null ? node[key] : undefined), source)
        if (typeof target === 'object' && target !== null && shared !== undefined) target[part[part.length - 1]!] = shared
      }
      return { value, after: step.after, source, part }
    })
  })
}

function partOf(value: AnyRecord, part: readonly string[]): unknown {
  return part.reduce((node: any, key) => (typeof node === 'object' && node !== null ? node[key] : undefined), value)
}

describe('isMicroCredentialInput', () => {
  it('accepts the input fixture', () => {
    expect(isMicroCredentialInput(validInput())).toBe(true)
  })

  it('answers as MicroCredentialInput.safeParse does, over runs of rows that share, copy and change the course and issuer', () => {
    const parts = [['achievement'], ['issuer']]
    fc.assert(
      fc.property(sequences(validInput, parts), (steps) => {
        for (const { value, after, part } of steps) {
          expect(isMicroCredentialInput(value)).toBe(MicroCredentialInput.safeParse(value).success)
          const target = partOf(value, part)
          if (typeof target === 'object' && target !== null) mutate(target, after)
          expect(isMicroCredentialInput(value)).toBe(MicroCredentialInput.safeParse(value).success)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('still applies the rules across fields to a known course (credits earned, allowed grades)', () => {
    const input = validInput()
    input.achievement.grading = { name: 'ECTS grading scale', type: 'LetterGrade', allowedValues: ['A', 'B'] }
    input.grade = 'A'
    expect(isMicroCredentialInput(input)).toBe(true)
    expect(isMicroCredentialInput({ ...input, grade: 'F' })).toBe(false)
    expect(isMicroCredentialInput({ ...input, creditsEarned: input.achievement.ects + 1 })).toBe(false)
    expect(isMicroCredentialInput(input)).toBe(true)
  })
})
