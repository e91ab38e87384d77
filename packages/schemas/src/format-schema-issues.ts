/** The parts of a Zod issue that `formatSchemaIssues` reads (works with zod and zod/mini issues alike). */
export interface SchemaIssue {
  readonly code?: string | undefined
  readonly path: readonly PropertyKey[]
  readonly message: string
  readonly keys?: readonly string[] | undefined
  readonly errors?: readonly (readonly SchemaIssue[])[] | undefined
  readonly expected?: unknown
}

const IDENTIFIER = /^[A-Za-z_$@][\w$@-]*$/

const MAX_KEY_LENGTH = 60

function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const raw of path) {
    if (typeof raw === 'number') {
      out += `[${raw}]`
      continue
    }
    // Keys come from the data (unknown fields), so a hostile one must not flood the message.
    const key = String(raw).length > MAX_KEY_LENGTH ? `${String(raw).slice(0, MAX_KEY_LENGTH)}…` : String(raw)
    if (typeof raw === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`
    else out += `[${JSON.stringify(key)}]`
  }
  return out === '' ? '(root)' : out
}

function isTypeMismatchBranch(issues: readonly SchemaIssue[]): boolean {
  return issues.some((issue) => issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value'))
}

function flatten(issue: SchemaIssue, prefix: readonly PropertyKey[]): { path: readonly PropertyKey[]; message: string }[] {
  const path = [...prefix, ...issue.path]
  if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
    // Report the branch the value was meant for (its type matched), not every alternative.
    const branch = issue.errors.find((issues) => issues.length > 0 && !isTypeMismatchBranch(issues))
    if (branch) return branch.flatMap((inner) => flatten(inner, path))
  }
  if (issue.code === 'unrecognized_keys' && issue.keys && issue.keys.length > 0) {
    return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown field (check the spelling; unknown fields are not accepted)' }))
  }
  const message = issue.message === '' || issue.message === 'Invalid input' ? fallbackMessage(issue) : issue.message
  return [{ path, message }]
}

function fallbackMessage(issue: SchemaIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${String(issue.expected ?? 'of another type')}`
    case 'too_big':
      return 'is too large or too long'
    case 'too_small':
      return 'is too small or too short'
    case 'invalid_format':
      return 'is not in the expected format'
    default:
      return 'is invalid'
  }
}

/**
 * Turns a Zod error (or its issues) into one plain-English line per problem, naming the path and, for EU
 * elements, the element — e.g. `achievement.learningOutcomes: at least one learning outcome is required (EU
 * micro-credential element 6: learning outcomes)`.
 *
 * @example
 * ```ts
 * import { MicroCredentialInput, formatSchemaIssues } from '@microcert/schemas'
 * const result = MicroCredentialInput.safeParse(row)
 * if (!result.success) for (const line of formatSchemaIssues(result.error)) console.log(line)
 * ```
 * Produces no error codes; throws TypeError when given neither an error with `issues` nor an array.
 */
export function formatSchemaIssues(error: { readonly issues: readonly SchemaIssue[] } | readonly SchemaIssue[]): string[] {
  const issues = Array.isArray(error) ? error : (error as { issues?: unknown }).issues
  if (!Array.isArray(issues)) throw new TypeError('formatSchemaIssues expects a ZodError or an array of issues')
  const lines: string[] = []
  for (const issue of issues as readonly SchemaIssue[]) {
    for (const { path, message } of flatten(issue, [])) {
      const line = `${formatPath(path)}: ${message}`
      if (!lines.includes(line)) lines.push(line)
    }
  }
  return lines
}
