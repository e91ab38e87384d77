import * as z from 'zod/mini'
import { describe, expect, it } from 'vitest'
import { MicroCredentialInput, formatSchemaIssues } from '../src/index.js'
import { validInput } from './helpers.js'

describe('formatSchemaIssues', () => {
  it('formats a ZodError into one line per problem with the path and EU element', () => {
    const input = validInput()
    input.achievement.learningOutcomes = []
    const result = MicroCredentialInput.safeParse(input)
    expect(result.success).toBe(false)
    expect(formatSchemaIssues(result.error!)).toEqual([
      'achievement.learningOutcomes: at least one learning outcome is required (EU micro-credential element 6: learning outcomes)',
    ])
    expect(result.error!.issues[0]!.code).toBe('too_small')
  })

  it('accepts the issues array as well as the error', () => {
    const result = MicroCredentialInput.safeParse({})
    expect(formatSchemaIssues(result.error!.issues)).toEqual(formatSchemaIssues(result.error!))
    expect(formatSchemaIssues(result.error!)).toEqual([
      'learner: the learner is required (EU micro-credential element 1: identification of the learner)',
      'achievement: the achievement (course) is required',
      'issuer: the issuer profile is required (EU micro-credential element 4: awarding body)',
    ])
  })

  it('writes array indexes in brackets and odd keys quoted', () => {
    const lines = formatSchemaIssues([
      { code: 'custom', path: ['achievement', 'learningOutcomes', 2], message: 'must not be empty' },
      { code: 'custom', path: ['credentialSubject', 'has space', 'x'], message: 'is odd' },
      { code: 'custom', path: [], message: 'is broken' },
    ])
    expect(lines).toEqual([
      'achievement.learningOutcomes[2]: must not be empty',
      'credentialSubject["has space"].x: is odd',
      '(root): is broken',
    ])
  })

  it('gives a plain fallback for zod/mini issues without a custom message', () => {
    const result = z.object({ n: z.number() }).safeParse({ n: 'x' })
    expect(formatSchemaIssues(result.error!)).toEqual(['n: must be number'])
    expect(result.error!.issues[0]!.code).toBe('invalid_type')
  })

  it('reports the union branch the value was meant for, not every alternative', () => {
    const schema = z.union([z.string(), z.object({ id: z.string().check(z.minLength(3, { error: 'is too short' })) })])
    const result = schema.safeParse({ id: 'a' })
    expect(formatSchemaIssues(result.error!)).toEqual(['id: is too short'])
    const union = {
      code: 'invalid_union',
      path: ['issuer'],
      message: 'Invalid input',
      errors: [
        [{ code: 'invalid_type', path: [], message: 'must be text', expected: 'string' }],
        [{ code: 'too_small', path: ['name'], message: 'must not be empty' }],
      ],
    }
    expect(formatSchemaIssues([union])).toEqual(['issuer.name: must not be empty'])
    const noMatch = { ...union, message: 'must be the issuer id or a profile', errors: [[{ code: 'invalid_type', path: [], message: 'x' }]] }
    expect(formatSchemaIssues([noMatch])).toEqual(['issuer: must be the issuer id or a profile'])
  })

  it('lists each unknown field on its own line and drops duplicate lines', () => {
    const lines = formatSchemaIssues([
      { code: 'unrecognized_keys', path: ['learner'], keys: ['nmae', 'emial'], message: 'Invalid input' },
      { code: 'custom', path: ['a'], message: 'x' },
      { code: 'custom', path: ['a'], message: 'x' },
    ])
    expect(lines).toEqual([
      'learner.nmae: unknown field (check the spelling; unknown fields are not accepted)',
      'learner.emial: unknown field (check the spelling; unknown fields are not accepted)',
      'a: x',
    ])
  })

  it('shortens a hostile, very long unknown key in the path', () => {
    const input = { ['k'.repeat(100_000)]: 1 }
    const result = z.strictObject({}).safeParse(input)
    const [line] = formatSchemaIssues(result.error!)
    expect(line).toBe(`["${'k'.repeat(60)}…"]: unknown field (check the spelling; unknown fields are not accepted)`)
    expect(result.error!.issues[0]!.code).toBe('unrecognized_keys')
  })

  it('throws TypeError for something that is not an error or an issue list', () => {
    expect(() => formatSchemaIssues({} as never)).toThrow(TypeError)
    expect(() => formatSchemaIssues('oops' as never)).toThrow(TypeError)
  })
})
