import { describe, expect, it } from 'vitest'
import { EU_EXTENSION_SCHEMA_FILENAME, euExtensionJsonSchema } from '../src/index.js'
import { compile2019, validCredential, validateOpenBadgesJsonSchema } from './helpers.js'

describe('euExtensionJsonSchema', () => {
  it('is a draft 2019-09 JSON Schema that ajv compiles', () => {
    const schema = euExtensionJsonSchema()
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2019-09/schema')
    expect(() => compile2019(schema)).not.toThrow()
    expect(EU_EXTENSION_SCHEMA_FILENAME).toBe('microcert-eu-extension.schema.json')
  })

  it('accepts the complete credential, which the Open Badges schema accepts too', () => {
    const validate = compile2019(euExtensionJsonSchema())
    const credential = validCredential()
    expect(validate(credential)).toBe(true)
    expect(validateOpenBadgesJsonSchema(credential)).toBe(true)
  })

  it('rejects a credential without learning outcomes, with ECTS as text, or without the MicroCredentialAchievement type', () => {
    const validate = compile2019(euExtensionJsonSchema())
    const noOutcomes = validCredential()
    delete noOutcomes.credentialSubject.achievement.learningOutcome
    expect(validate(noOutcomes)).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'required', params: { missingProperty: 'learningOutcome' } })

    const textEcts = validCredential()
    textEcts.credentialSubject.achievement.ectsCredits = '3'
    expect(validate(textEcts)).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'type', instancePath: '/credentialSubject/achievement/ectsCredits' })

    const noType = validCredential()
    noType.credentialSubject.achievement.type = ['Achievement']
    expect(validate(noType)).toBe(false)
    expect(validate.errors?.map((error) => error.keyword)).toContain('contains')
  })

  it('describes each EU property with its element number', () => {
    const schema = euExtensionJsonSchema() as any
    const properties = schema.properties.credentialSubject.properties.achievement.properties
    expect(properties.learningOutcome.description).toMatch(/^EU element 6/)
    expect(properties.qualityAssurance.description).toMatch(/^EU element 11/)
    expect(schema.properties.credentialSubject.properties.achievement.required).toEqual(
      expect.arrayContaining(['type', 'learningOutcome', 'ectsCredits', 'typeOfAssessment', 'formOfParticipation', 'qualityAssurance']),
    )
  })

  it('returns a fresh object each call (callers may add $id)', () => {
    const first = euExtensionJsonSchema()
    first['$id'] = 'https://uni.example/microcert-eu-extension.schema.json'
    expect(euExtensionJsonSchema()['$id']).toBeUndefined()
  })
})
