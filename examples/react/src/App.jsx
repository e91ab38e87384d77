import { useState } from 'react'
import '@microcert/verify-widget'

/**
 * An employer's checker: React 19 sets `trustedIssuers` as a property (an array) and listens to the
 * `microcert-*` events through `onmicrocert-…` props, so no wrapper is needed.
 */
export function App({ registry, issuer }) {
  const [summary, setSummary] = useState('Nothing checked yet')
  const show = (event) => {
    const { status, certificateId, credential } = event.detail
    setSummary(`${status}: ${certificateId ?? ''} ${credential?.name ?? ''}`.trim())
  }
  return (
    <main>
      <h1>Check a candidate's micro-credential</h1>
      <microcert-verify
        input
        registry={registry}
        trustedIssuers={[issuer]}
        allow-insecure-localhost={registry.startsWith('http://') ? '' : undefined}
        onmicrocert-verified={show}
        onmicrocert-warning={show}
        onmicrocert-failed={show}
        onmicrocert-unknown={show}
      />
      <p role="status" id="summary">{summary}</p>
    </main>
  )
}
