// The schema step has two paths: the quick check without Zod (isSurelyMicroCredential) for the plain credentials
// microcert issues, and the Zod schemas, loaded only for the rest. Both must give the same verdict.
import { isSurelyMicroCredential, MicroCredential } from '@microcert/schemas'
import { describe, expect, it } from 'vitest'
import { buildCredential } from '../src/build-credential.js'
import { signCredential } from '../src/sign-credential.js'
import type { MicroCredentialInput } from '@microcert/schemas'
import { verifyCredential } from '../src/verify-credential.js'
import { NOW, deterministicInput, fullInput, signers, staticResolver } from './helpers.js'

type AnyRecord = Record<string, any>

/** Inputs that exercise every optional part buildCredential writes, and none of them. */
function inputs(): MicroCredentialInput[] {
  const minimal = deterministicInput() as AnyRecord
  for (const key of ['issuedAt', 'validUntil', 'activityStartDate', 'activityEndDate', 'creditsEarned', 'grade', 'narrative']) delete minimal[key]
  for (const key of ['id', 'email', 'studentId']) delete minimal['learner'][key]
  for (const key of Object.keys(minimal['achievement'])) {
    if (!['title', 'description', 'learningOutcomes', 'ects', 'eqfLevel', 'assessment', 'participation', 'qualityAssurance'].includes(key)) delete minimal['achievement'][key]
  }
  for (const key of Object.keys(minimal['issuer'])) if (!['id', 'name', 'country'].includes(key)) delete minimal['issuer'][key]
  const rich = fullInput() as AnyRecord
  rich['achievement'].prerequisites = ['Basic statistics']
  rich['achievement'].grading = { name: 'ECTS grading scale', type: 'LetterGrade', allowedValues: ['A', 'B', 'C', 'D', 'E', 'F'], requiredValue: 'E' }
  rich['grade'] = 'B'
  rich['achievement'].awardingBodies = [{ id: 'did:web:partner.example', name: 'Partner University', country: 'AT' }]
  return [fullInput(), deterministicInput(), minimal as MicroCredentialInput, rich as MicroCredentialInput]
}

const schemaCheck = (result: { checks: { id: string }[] }) => result.checks.find((c) => c.id === 'schema')

describe('verifyCredential: the quick schema path and the full one agree', () => {
  it('builds only credentials that the quick check accepts, so microcert credentials never need the schemas to verify', () => {
    for (const input of inputs()) {
      for (const options of [{ now: NOW }, { now: NOW, id: 'https://uni.example/credentials/1', schemaUrl: 'https://uni.example/schema.json' }]) {
        const credential = buildCredential(input, options)
        expect(MicroCredential.safeParse(credential).success).toBe(true)
        expect(isSurelyMicroCredential(credential)).toBe(true)
      }
    }
  })

  it('passes the schema step of a plain credential with the message the schema path gives', async () => {
    const credential = buildCredential(deterministicInput(), { now: NOW })
    const result = await verifyCredential(await signCredential(credential, await signers.ed()), { resolver: staticResolver(), now: NOW })
    expect(result.status).toBe('verified')
    expect(schemaCheck(result)).toEqual({ id: 'schema', outcome: 'passed', message: 'An Open Badges 3.0 credential with all 11 EU micro-credential elements' })
  })

  it('sends a credential the quick check is not sure about to the schemas, which accept it the same way', async () => {
    const credential = buildCredential(deterministicInput(), { now: NOW }) as AnyRecord
    credential['evidence'] = [{ id: 'https://uni.example/evidence/1', type: ['Evidence'] }]
    expect(isSurelyMicroCredential(credential)).toBe(false)
    const result = await verifyCredential(await signCredential(credential as never, await signers.ed()), { resolver: staticResolver(), now: NOW })
    expect(result.status).toBe('verified')
    expect(schemaCheck(result)).toEqual({ id: 'schema', outcome: 'passed', message: 'An Open Badges 3.0 credential with all 11 EU micro-credential elements' })
  })

  it('reports what the schemas find in a credential the quick check refuses (ERR_EU_ELEMENTS_MISSING, ERR_SCHEMA_INVALID)', async () => {
    const missing = buildCredential(deterministicInput(), { now: NOW }) as AnyRecord
    delete missing['credentialSubject'].achievement.typeOfAssessment
    const resultMissing = await verifyCredential(await signCredential(missing as never, await signers.ed()), { resolver: staticResolver(), now: NOW })
    expect(schemaCheck(resultMissing)).toMatchObject({ outcome: 'warning', code: 'ERR_EU_ELEMENTS_MISSING', details: { missing: [9] } })

    const invalid = buildCredential(deterministicInput(), { now: NOW }) as AnyRecord
    invalid['credentialSubject'].identifier[0].nickname = 'Jája'
    const resultInvalid = await verifyCredential(await signCredential(invalid as never, await signers.ed()), { resolver: staticResolver(), now: NOW })
    expect(schemaCheck(resultInvalid)).toMatchObject({ outcome: 'failed', code: 'ERR_SCHEMA_INVALID' })
    expect(JSON.stringify(schemaCheck(resultInvalid)?.['details' as never])).toContain('nickname')
  })
})
