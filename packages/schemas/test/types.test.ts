import type * as z from 'zod/mini'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  BitstringStatusListEntry,
  CREDENTIAL_CONTEXTS,
  EU_ELEMENTS,
  IssueInput,
  IssuerProfile,
  MicroCredential,
  MicroCredentialInput,
  OpenBadgeCredential,
  TrustList,
  formatSchemaIssues,
  missingEuElements,
  type EuElement,
} from '../src/index.js'
import { validCredential, validInput } from './helpers.js'

// These tests are checked by `tsc --noEmit` (the test folder is part of the package's tsconfig); the runtime
// assertions make sure the values behind the types are real.
describe('inferred types', () => {
  it('MicroCredentialInput has the friendly field types the API promises', () => {
    type Achievement = MicroCredentialInput['achievement']
    expectTypeOf<Achievement['eqfLevel']>().toEqualTypeOf<1 | 2 | 3 | 4 | 5 | 6 | 7 | 8>()
    expectTypeOf<Achievement['ects']>().toEqualTypeOf<number>()
    expectTypeOf<Achievement['participation']>().toEqualTypeOf<'online' | 'onsite' | 'blended'>()
    expectTypeOf<Achievement['qfEheaCycle']>().toEqualTypeOf<'short' | 'first' | 'second' | 'third' | undefined>()
    expectTypeOf<Achievement['learningOutcomes']>().toEqualTypeOf<string[]>()
    expectTypeOf<Achievement['assessment']>().toEqualTypeOf<string[]>()
    expectTypeOf<Achievement['qualityAssurance'][number]>().toEqualTypeOf<{ name: string; type?: string | undefined; body?: string | undefined; url?: string | undefined }>()
    expectTypeOf<Achievement['supervision']>().toEqualTypeOf<'unsupervised-no-id' | 'supervised-no-id' | 'supervised-with-id' | undefined>()
    expectTypeOf<Achievement['stackability']>().toEqualTypeOf<'stand-alone' | 'stackable' | undefined>()
    expectTypeOf<NonNullable<Achievement['grading']>['type']>().toEqualTypeOf<'LetterGrade' | 'Percent' | 'PerformanceLevel' | 'RawScore' | 'Status' | 'GradePointAverage'>()
    expectTypeOf<NonNullable<Achievement['escoSkills']>[number]>().toEqualTypeOf<{ uri: string; name: string }>()
    expectTypeOf<MicroCredentialInput['learner']>().toEqualTypeOf<{ name: string; id?: string | undefined; email?: string | undefined; studentId?: string | undefined }>()
    expectTypeOf<MicroCredentialInput['issuer']>().toEqualTypeOf<IssuerProfile>()
    expectTypeOf<MicroCredentialInput['issuedAt']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<MicroCredentialInput['creditsEarned']>().toEqualTypeOf<number | undefined>()
    expect(MicroCredentialInput.parse(validInput()).achievement.eqfLevel).toBe(6)
  })

  it('schemas transform nothing: input type equals output type', () => {
    expectTypeOf<z.input<typeof MicroCredentialInput>>().toEqualTypeOf<z.output<typeof MicroCredentialInput>>()
    expectTypeOf<z.input<typeof MicroCredential>>().toEqualTypeOf<z.output<typeof MicroCredential>>()
    expectTypeOf<z.input<typeof IssuerProfile>>().toEqualTypeOf<z.output<typeof IssuerProfile>>()
    const input = validInput()
    expect(MicroCredentialInput.parse(input)).toEqual(input)
  })

  it('IssueInput is MicroCredentialInput without issuer', () => {
    expectTypeOf<IssueInput>().toEqualTypeOf<Omit<MicroCredentialInput, 'issuer'>>()
    const { issuer: _issuer, ...rest } = validInput()
    expect(IssueInput.parse(rest)).toEqual(rest)
  })

  it('IssuerProfile has the contract fields', () => {
    expectTypeOf<IssuerProfile['id']>().toEqualTypeOf<string>()
    expectTypeOf<IssuerProfile['country']>().toEqualTypeOf<string>()
    expectTypeOf<IssuerProfile['region']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<NonNullable<IssuerProfile['otherIdentifiers']>[number]>().toEqualTypeOf<{ identifier: string; identifierType: string }>()
  })

  it('MicroCredential types the EU elements as required and exact', () => {
    type Achievement = MicroCredential['credentialSubject']['achievement']
    expectTypeOf<Achievement['learningOutcome']>().toEqualTypeOf<string[]>()
    expectTypeOf<Achievement['typeOfAssessment']>().toEqualTypeOf<string[]>()
    expectTypeOf<Achievement['formOfParticipation']>().toEqualTypeOf<'online' | 'onsite' | 'blended'>()
    expectTypeOf<Achievement['ectsCredits']>().toEqualTypeOf<number>()
    expectTypeOf<Achievement['creditsAvailable']>().toEqualTypeOf<number>()
    expectTypeOf<Achievement['achievementType']>().toEqualTypeOf<'MicroCredential'>()
    expectTypeOf<Achievement['qualityAssurance'][number]['name']>().toEqualTypeOf<string>()
    expectTypeOf<MicroCredential['issuer']['name']>().toEqualTypeOf<string>()
    expectTypeOf<MicroCredential['issuer']['address']['addressCountryCode']>().toEqualTypeOf<string>()
    expectTypeOf<MicroCredential['validFrom']>().toEqualTypeOf<string>()
    expectTypeOf<MicroCredential['type']>().toEqualTypeOf<string[]>()
    expectTypeOf<MicroCredential['credentialSchema'][number]['id']>().toEqualTypeOf<string>()
    expectTypeOf<NonNullable<MicroCredential['credentialStatus']>['id']>().toEqualTypeOf<string>()
    expect(MicroCredential.parse(validCredential()).credentialSubject.achievement.formOfParticipation).toBe('blended')
  })

  it('OpenBadgeCredential leaves the EU elements untyped and the issuer a URI or a profile', () => {
    expectTypeOf<OpenBadgeCredential['issuer']>().toMatchTypeOf<string | { id: string }>()
    expectTypeOf<OpenBadgeCredential['credentialSubject']['achievement']['name']>().toEqualTypeOf<string>()
    expectTypeOf<OpenBadgeCredential['credentialSubject']['achievement']['learningOutcome']>().toEqualTypeOf<unknown>()
    expect(OpenBadgeCredential.parse(validCredential()).credentialSubject.achievement.name).toBe('Applied Data Ethics')
  })

  it('status entry, trust list and helpers have the promised signatures', () => {
    expectTypeOf<BitstringStatusListEntry['statusListIndex']>().toEqualTypeOf<string>()
    expectTypeOf<BitstringStatusListEntry['type']>().toEqualTypeOf<'BitstringStatusListEntry'>()
    expectTypeOf<TrustList['issuers'][number]>().toEqualTypeOf<{ id: string; name: string; country?: string | undefined; accreditation?: string | undefined; url?: string | undefined }>()
    expectTypeOf<TrustList['updated']>().toEqualTypeOf<string | undefined>()
    expectTypeOf(missingEuElements).returns.toEqualTypeOf<EuElement[]>()
    expectTypeOf(formatSchemaIssues).returns.toEqualTypeOf<string[]>()
    expectTypeOf<EuElement>().toEqualTypeOf<1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11>()
    expectTypeOf<(typeof EU_ELEMENTS)[6]>().toEqualTypeOf<'learning outcomes'>()
    expectTypeOf<(typeof CREDENTIAL_CONTEXTS)[0]>().toEqualTypeOf<'https://www.w3.org/ns/credentials/v2'>()
    expect(CREDENTIAL_CONTEXTS).toHaveLength(4)
  })
})
