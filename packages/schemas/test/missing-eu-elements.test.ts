import { describe, expect, it } from 'vitest'
import { EU_ELEMENTS, missingEuElements } from '../src/index.js'
import { validCredential } from './helpers.js'

describe('EU_ELEMENTS', () => {
  it('names the 11 mandatory elements of Annex I, numbered 1 to 11', () => {
    expect(Object.keys(EU_ELEMENTS).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(EU_ELEMENTS[1]).toBe('identification of the learner')
    expect(EU_ELEMENTS[6]).toBe('learning outcomes')
    expect(EU_ELEMENTS[11]).toBe('type of quality assurance')
  })
})

describe('missingEuElements', () => {
  it('finds nothing missing in the complete credential', () => {
    expect(missingEuElements(validCredential())).toEqual([])
  })

  it('finds all 11 missing in something that is not a credential', () => {
    for (const value of [null, undefined, 'text', 42, [], {}]) {
      expect(missingEuElements(value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    }
  })

  it('lists exactly the elements a plain Open Badge lacks', () => {
    const credential = validCredential()
    const achievement = credential.credentialSubject.achievement
    for (const key of ['learningOutcome', 'ectsCredits', 'creditsAvailable', 'volumeOfLearning', 'typeOfAssessment', 'formOfParticipation', 'qualityAssurance']) {
      delete achievement[key]
    }
    achievement.alignment = []
    expect(missingEuElements(credential)).toEqual([6, 7, 8, 9, 10, 11])
  })

  it('accepts other forms of an element: a DID only for the learner, hours only for the workload, ESCO skills for outcomes', () => {
    const credential = validCredential()
    delete credential.credentialSubject.identifier
    delete credential.credentialSubject.achievement.ectsCredits
    delete credential.credentialSubject.achievement.creditsAvailable
    delete credential.credentialSubject.achievement.learningOutcome
    expect(missingEuElements(credential)).toEqual([])
  })

  it('treats empty text and empty lists as missing', () => {
    const credential = validCredential()
    credential.credentialSubject.achievement.name = '  '
    credential.credentialSubject.achievement.typeOfAssessment = []
    credential.credentialSubject.achievement.formOfParticipation = ''
    expect(missingEuElements(credential)).toEqual([2, 9, 10])
  })

  it('counts an issuer given only as a URI as lacking country and awarding body name', () => {
    const credential = validCredential()
    credential.issuer = 'did:web:credentials.uni-example.cz'
    expect(missingEuElements(credential)).toEqual([3, 4])
  })

  it('does not read inherited properties (prototype pollution has no effect)', () => {
    const credential = JSON.parse('{"__proto__": {"validFrom": "2026-01-01T00:00:00Z"}}')
    expect(missingEuElements(credential)).toContain(5)
  })

  it('does not throw for a list that carries a "constructor" property (an object built in code, not JSON)', () => {
    const credential = validCredential()
    Object.defineProperty(credential.credentialSubject.achievement.alignment, 'constructor', { value: '', enumerable: true })
    expect(missingEuElements(credential)).toEqual([])
  })
})
