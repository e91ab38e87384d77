/**
 * The CSV columns of `microcert issue --csv`: one per field of `MicroCredentialInput` (minus `issuer`, which
 * comes from the issuer store). Column names are the field paths, so an error on `achievement.ects` names the
 * column to fix. List cells hold items separated by `|` (or by line breaks inside a quoted cell); `\|` is a
 * literal bar. Object-list cells take `Name <url-or-id>` items, or a JSON array for every property.
 */
export type ColumnKind = 'text' | 'number' | 'integer' | 'list' | 'named-links'

export interface CsvColumn {
  /** Column header, the dotted path into MicroCredentialInput. */
  name: string
  kind: ColumnKind
  /** For `named-links`: the property that takes the text before `<…>` and the one inside `<…>`. */
  link?: { text: string; link: string }
  /** EU Annex I element this column carries, if any. */
  eu?: number
  required?: boolean
  help: string
  example: string
}

export const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'rowKey', kind: 'text', help: 'stable key of this row for safe re-runs; default: learner.studentId/email/id/name + course', example: 'AAI-2026-0001' },
  { name: 'learner.name', kind: 'text', eu: 1, required: true, help: 'full name of the learner', example: 'Jana Dvořáková' },
  { name: 'learner.id', kind: 'text', eu: 1, help: "learner's DID or URL", example: '' },
  { name: 'learner.email', kind: 'text', eu: 1, help: 'emitted only as a salted hash', example: 'jana.dvorakova@example.cz' },
  { name: 'learner.studentId', kind: 'text', eu: 1, help: 'emitted only as a salted hash', example: 'S240117' },
  { name: 'achievement.id', kind: 'text', help: 'URL of the course/achievement; default chosen by the issuer', example: '' },
  { name: 'achievement.title', kind: 'text', eu: 2, required: true, help: 'title of the micro-credential', example: 'Applied Artificial Intelligence for Technical Innovation' },
  { name: 'achievement.description', kind: 'text', required: true, help: 'what the course is', example: 'A practical course on machine learning for engineers.' },
  { name: 'achievement.criteria', kind: 'text', help: 'how it is earned (Markdown)', example: 'Pass the written examination and the project.' },
  { name: 'achievement.learningOutcomes', kind: 'list', eu: 6, required: true, help: 'learning outcomes, separated by |', example: 'Selects a suitable ML method for an engineering problem|Evaluates a model with proper validation' },
  { name: 'achievement.escoSkills', kind: 'named-links', link: { text: 'name', link: 'uri' }, eu: 6, help: 'ESCO skills: Name <ESCO URI>, separated by |', example: '' },
  { name: 'achievement.ects', kind: 'number', eu: 7, required: true, help: 'ECTS credits, > 0 and ≤ 180 (decimal point or comma)', example: '5' },
  { name: 'achievement.volumeOfLearning', kind: 'text', eu: 7, help: 'ISO 8601 duration of the workload', example: 'PT125H' },
  { name: 'achievement.eqfLevel', kind: 'integer', eu: 8, required: true, help: 'EQF level 1–8', example: '6' },
  { name: 'achievement.qfEheaCycle', kind: 'text', eu: 8, help: 'short | first | second | third', example: 'first' },
  { name: 'achievement.assessment', kind: 'list', eu: 9, required: true, help: 'types of assessment, separated by |', example: 'written examination|project' },
  { name: 'achievement.participation', kind: 'text', eu: 10, required: true, help: 'online | onsite | blended', example: 'blended' },
  { name: 'achievement.participationNote', kind: 'text', eu: 10, help: 'free text about the form of participation', example: '' },
  { name: 'achievement.qualityAssurance', kind: 'named-links', link: { text: 'name', link: 'url' }, eu: 11, required: true, help: 'quality assurance: Name <URL>, separated by |', example: 'Internal quality assurance of the university <https://uni.example/qa>' },
  { name: 'achievement.awardingBodies', kind: 'named-links', link: { text: 'name', link: 'id' }, eu: 4, help: 'further awarding bodies: Name <DID or URL>, separated by |', example: '' },
  { name: 'achievement.language', kind: 'text', help: 'BCP 47 language of instruction', example: 'en' },
  { name: 'achievement.fieldOfStudy', kind: 'text', help: 'field of study (ISCED-F)', example: '0613 Software and applications development' },
  { name: 'achievement.humanCode', kind: 'text', help: 'course code', example: 'AAI-101' },
  { name: 'achievement.prerequisites', kind: 'list', help: 'prerequisites, separated by |', example: 'Basic programming in Python' },
  { name: 'achievement.supervision', kind: 'text', help: 'unsupervised-no-id | supervised-no-id | supervised-with-id', example: 'supervised-with-id' },
  { name: 'achievement.stackability', kind: 'text', help: 'stand-alone | stackable', example: 'stackable' },
  { name: 'achievement.grading.name', kind: 'text', help: 'name of the grading scheme', example: 'ECTS grading scale' },
  { name: 'achievement.grading.type', kind: 'text', help: 'LetterGrade | Percent | PerformanceLevel | RawScore | Status | GradePointAverage', example: 'LetterGrade' },
  { name: 'achievement.grading.allowedValues', kind: 'list', help: 'allowed grades, separated by |', example: 'A|B|C|D|E|F' },
  { name: 'achievement.grading.requiredValue', kind: 'text', help: 'lowest passing grade', example: 'E' },
  { name: 'achievement.image', kind: 'text', help: 'URL of a badge image', example: '' },
  { name: 'issuedAt', kind: 'text', eu: 5, help: 'date-time with zone; default: now', example: '' },
  { name: 'awardedAt', kind: 'text', help: 'date-time with zone the learner earned it', example: '2026-06-30T12:00:00Z' },
  { name: 'validUntil', kind: 'text', help: 'date-time with zone; empty: never expires', example: '' },
  { name: 'grade', kind: 'text', help: 'grade achieved', example: 'A' },
  { name: 'creditsEarned', kind: 'number', help: 'ECTS earned; default: achievement.ects', example: '' },
  { name: 'activityStartDate', kind: 'text', help: 'start of the course (date-time with zone)', example: '2026-02-16T00:00:00+01:00' },
  { name: 'activityEndDate', kind: 'text', help: 'end of the course (date-time with zone)', example: '2026-06-30T00:00:00+02:00' },
  { name: 'narrative', kind: 'text', help: 'further information', example: '' },
]

export const COLUMN_BY_NAME: ReadonlyMap<string, CsvColumn> = new Map(CSV_COLUMNS.map((c) => [c.name, c]))

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n;]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** The CSV template `microcert issue --template` prints: the header and one example row. */
export function csvTemplate(): string {
  const header = CSV_COLUMNS.map((c) => c.name).join(',')
  const example = CSV_COLUMNS.map((c) => csvField(c.example)).join(',')
  return `${header}\r\n${example}\r\n`
}
