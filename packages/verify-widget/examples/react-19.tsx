// <microcert-verify> in a React 19 component, with types: React 19 passes properties (trustedIssuers as an
// array) and adds `onmicrocert-…` props as event listeners, so the element needs no wrapper.
import { useState } from 'react'
import type { VerificationResult } from '@microcert/core'
import '@microcert/verify-widget' // defines <microcert-verify>
import type {} from '@microcert/verify-widget/react' // JSX typings of <microcert-verify> for React 19

export function CandidateCheck({ registry, issuer }: { registry: string; issuer: string }) {
  const [summary, setSummary] = useState('Nothing checked yet')
  const show = (event: CustomEvent<VerificationResult>): void => {
    const { status, certificateId } = event.detail
    setSummary(`${status}: ${certificateId ?? ''}`.trim())
  }
  return (
    <main>
      <h1>Check a candidate's micro-credential</h1>
      <microcert-verify
        input
        registry={registry}
        trustedIssuers={[issuer]}
        onmicrocert-verified={show}
        onmicrocert-warning={show}
        onmicrocert-failed={show}
        onmicrocert-unknown={show}
      />
      <p role="status">{summary}</p>
    </main>
  )
}
