import * as z from 'zod/mini'
import type { EuElement } from '../eu-elements.js'
import { COMMON_COUNTRY_MISTAKES, ISO_3166_1_ALPHA_2 } from './country-codes.js'
import { isRealDate } from './dates.js'
import { describeValue, euSuffix } from './messages.js'
import {
  ABSOLUTE_URI,
  DATE_TIME_STAMP,
  DID,
  DURATION,
  EMAIL,
  HTTP_URL,
  LANGUAGE_TAG,
} from './patterns.js'

/**
 * Field builders that give every problem a plain-English message, with the EU element appended where
 * the field carries one. All of them are zod/mini schemas without transforms (input type = output type).
 */

interface FieldOptions {
  /** Noun phrase used in "… is required", e.g. "the title". */
  label: string
  /** EU element the field carries; appended to every message. */
  eu?: EuElement | undefined
}

interface TextOptions extends FieldOptions {
  max: number
  /** What the text must look like, used when `pattern` fails, e.g. 'a DID such as "did:web:uni.example"'. */
  format?: string
  pattern?: RegExp
}

function typeError(label: string, expected: string, eu: EuElement | undefined) {
  return (issue: { input?: unknown }): string => {
    if (issue.input === undefined) return `${label} is required${euSuffix(eu)}`
    // A JavaScript Date is the most common wrong value for a date field: say how to turn it into text.
    const fix = issue.input instanceof Date && expected === 'text' ? ' (pass date.toISOString(), e.g. "2026-06-15T09:00:00.000Z")' : ''
    return `must be ${expected}, not ${describeValue(issue.input)}${fix}${euSuffix(eu)}`
  }
}

function tooLong(max: number, eu: EuElement | undefined) {
  return (issue: { input?: unknown }): string => {
    const length = typeof issue.input === 'string' ? ` (this one has ${issue.input.length})` : ''
    return `must be at most ${max} characters${length}${euSuffix(eu)}`
  }
}

/** Text of 1..max characters that is not only white space. */
export function text(options: TextOptions) {
  const { label, eu, max } = options
  const checks: z.core.$ZodCheck<string>[] = [
    z.maxLength(max, { error: tooLong(max, eu), abort: true }),
    z.refine((value: string) => value.trim().length > 0, { error: `${label} must not be empty${euSuffix(eu)}`, abort: true }),
  ]
  if (options.pattern) {
    checks.push(z.regex(options.pattern, { error: `must be ${options.format ?? 'well-formed'}${euSuffix(eu)}` }))
  }
  return z.string({ error: typeError(label, 'text', eu) }).check(...checks)
}

/** An absolute URI (URL, URN or DID). */
export function uri(options: FieldOptions & { max?: number }) {
  return text({ ...options, max: options.max ?? 2048, pattern: ABSOLUTE_URI, format: 'an absolute URI such as "https://…", "urn:uuid:…" or "did:…"' })
}

/** An http(s) URL. */
export function httpUrl(options: FieldOptions & { max?: number }) {
  return text({ ...options, max: options.max ?? 2048, pattern: HTTP_URL, format: 'an http(s) URL such as "https://uni.example/"' })
}

/** A DID such as did:web:uni.example. */
export function did(options: FieldOptions) {
  return text({ ...options, max: 2048, pattern: DID, format: 'a DID such as "did:web:uni.example"' })
}

/** An e-mail address. */
export function email(options: FieldOptions) {
  return text({ ...options, max: 320, pattern: EMAIL, format: 'an e-mail address such as "registrar@uni.example"' })
}

/** A BCP 47 language tag in the form the Open Badges schema accepts. */
export function languageTag(options: FieldOptions) {
  return text({ ...options, max: 35, pattern: LANGUAGE_TAG, format: 'a language tag such as "en", "cs" or "pt-BR"' })
}

/** An ISO 8601 duration such as PT125H. */
export function duration(options: FieldOptions) {
  return text({ ...options, max: 64, pattern: DURATION, format: 'an ISO 8601 duration such as "PT125H" (125 hours)' })
}

const monthName = (month: number): string => new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' })

/**
 * What is wrong with the date or time part of a date-time that failed the pattern, if that is the problem
 * (e.g. `2026-13-45`: "there is no month 13"), so the message does not send people looking for a time zone.
 */
function impossibleDateTime(value: string): string | undefined {
  const date = /^-?\d{4,}-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value)
  if (!date) return undefined
  const month = Number(date[1])
  if (month < 1 || month > 12) return `there is no month ${date[1]}`
  const day = Number(date[2])
  if (day < 1 || day > 31) return `there is no day ${date[2]} in ${monthName(month)}`
  if (!isRealDate(value)) return `${monthName(month)} has no day ${day} in that year`
  if (date[3] !== undefined && Number(date[3]) > 24) return `there is no hour ${date[3]}`
  if ((date[4] !== undefined && Number(date[4]) > 59) || (date[5] !== undefined && Number(date[5]) > 59)) {
    return `"${date[3]}:${date[4]}${date[5] === undefined ? '' : `:${date[5]}`}" is not a time of day`
  }
  return undefined
}


/** An XML Schema dateTimeStamp: date, time and a time zone, e.g. 2026-06-15T09:00:00Z. */
export function dateTimeStamp(options: FieldOptions) {
  const { label, eu } = options
  const format = `a date and time with a time zone, such as "2026-06-15T09:00:00Z" or "2026-06-15T11:00:00+02:00"`
  return z.string({ error: typeError(label, 'text', eu) }).check(
    z.maxLength(64, { error: tooLong(64, eu), abort: true }),
    z.regex(DATE_TIME_STAMP, {
      error: (issue) => {
        const value = typeof issue.input === 'string' ? issue.input : ''
        const impossible = impossibleDateTime(value)
        if (impossible !== undefined) return `must be a date that exists in the calendar; ${impossible}${euSuffix(eu)}`
        const hint = /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$/.test(value) ? '; the time zone is missing' : ''
        return `must be ${format}${hint}${euSuffix(eu)}`
      },
      abort: true,
    }),
    z.refine(isRealDate, { error: `must be a date that exists in the calendar${euSuffix(eu)}` }),
  )
}

/** An ISO 3166-1 alpha-2 country code, checked against the official list. */
export function countryCode(options: FieldOptions) {
  const { label, eu } = options
  return z.string({ error: typeError(label, 'text', eu) }).check(
    z.refine((value: string) => ISO_3166_1_ALPHA_2.has(value), {
      error: (issue) => {
        const value = typeof issue.input === 'string' ? issue.input : ''
        const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value
        const meant = COMMON_COUNTRY_MISTAKES[value.toUpperCase()] ?? (ISO_3166_1_ALPHA_2.has(value.toUpperCase()) ? value.toUpperCase() : undefined)
        const suggestion = meant ? ` (did you mean "${meant}"?)` : ''
        return `must be an ISO 3166-1 alpha-2 country code in capitals, such as "CZ" or "IE", not "${shown}"${suggestion}${euSuffix(eu)}`
      },
    }),
  )
}

/** A finite number within (min, max] or [min, max]. */
export function number(options: FieldOptions & { min: number; max: number; exclusiveMin?: boolean; unit: string }) {
  const { label, eu, min, max, exclusiveMin, unit } = options
  const range = `${exclusiveMin ? 'greater than' : 'at least'} ${min} and at most ${max} ${unit}`
  return z.number({ error: typeError(label, 'a number', eu) }).check(
    exclusiveMin ? z.gt(min, { error: `must be ${range}${euSuffix(eu)}` }) : z.gte(min, { error: `must be ${range}${euSuffix(eu)}` }),
    z.lte(max, { error: `must be ${range}${euSuffix(eu)}` }),
  )
}

/** One of a fixed set of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, options: FieldOptions) {
  const { label, eu } = options
  const list = values.map((value) => `"${value}"`).join(', ')
  // A many-valued literal accepts what z.enum does, with the same messages, and spares the bundle an enum schema class.
  return z.literal(values, {
    error: (issue) =>
      issue.input === undefined ? `${label} is required${euSuffix(eu)}` : `must be one of ${list}${euSuffix(eu)}`,
  })
}

/** A list of 1..max items (or 0..max with `min: 0`). */
export function list<T extends z.core.SomeType>(
  item: T,
  options: FieldOptions & { itemLabel: string; max: number; min?: number },
) {
  const { eu, itemLabel, max } = options
  const min = options.min ?? 1
  const required = min > 0 ? `at least one ${itemLabel} is required${euSuffix(eu)}` : `a list of ${itemLabel}s is required${euSuffix(eu)}`
  return z
    .array(item, {
      error: (issue) => (issue.input === undefined ? required : `must be a list of ${itemLabel}s, not ${describeValue(issue.input)}${euSuffix(eu)}`),
    })
    .check(
      z.minLength(min, { error: required }),
      z.maxLength(max, { error: `must have at most ${max} ${itemLabel}s${euSuffix(eu)}` }),
    )
}

/** Options for object schemas: a plain message for a missing or mistyped object, and for unknown fields. */
export function objectError(label: string, eu?: EuElement) {
  const wrongType = typeError(label, 'an object', eu)
  return {
    error: (issue: { code?: string; input?: unknown; keys?: readonly string[] }): string => {
      if (issue.code === 'unrecognized_keys') {
        const keys = (issue.keys ?? []).map((key) => `"${key.length > 60 ? `${key.slice(0, 60)}…` : key}"`)
        return `unknown field${keys.length === 1 ? '' : 's'} ${keys.join(', ')} (check the spelling; unknown fields are not accepted)`
      }
      return wrongType(issue)
    },
  }
}

/** Refinement option: run a rule across fields only once every field is valid (never on malformed data). */
export const whenValid = (payload: { issues: readonly unknown[] }): boolean => payload.issues.length === 0

/**
 * Any JSON object (an open object): for JSON input it accepts and rejects exactly what
 * `z.record(z.string(), z.unknown())` does, but it is built from the object schema the bundle carries anyway
 * (a record schema adds about 1 KB gzip to the widget). Unlike a record it also takes class instances such as a Date,
 * which JSON cannot hold.
 */
export function anyObject(params?: { error: string }) {
  return z.looseObject({}, params)
}
