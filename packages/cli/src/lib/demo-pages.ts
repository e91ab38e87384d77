export interface DemoCourse {
  title: string
  ects: number
  eqfLevel: number
  participation: string
  description: string
  learners: number
}

export interface DemoSite {
  university: string
  did: string
  registry: string
  courses: DemoCourse[]
  valid: string
  revoked: string
  typo: string
}

function e(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const STYLE = `
    :root { color-scheme: light; font-family: system-ui, "Segoe UI", Roboto, sans-serif; line-height: 1.55; color: #1d2733; background: #f6f7f9; }
    body { margin: 0; }
    .bar { background: #0b3d6b; color: #fff; }
    .bar .inner { display: flex; align-items: center; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }
    .bar a { color: #fff; }
    .inner { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; }
    .brand { font-weight: 700; font-size: 1.15rem; letter-spacing: .01em; }
    nav a { margin-inline-start: 1rem; }
    .lang button { background: transparent; color: #fff; border: 1px solid #fff6; border-radius: .3rem; padding: .15rem .5rem; cursor: pointer; }
    .lang button[aria-pressed="true"] { background: #fff; color: #0b3d6b; }
    main .card { background: #fff; border-radius: .6rem; box-shadow: 0 1px 3px #0002; padding: 1.25rem 1.5rem; margin-block: 1.25rem; }
    .courses { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
    .courses li { background: #fff; border-radius: .6rem; box-shadow: 0 1px 3px #0002; padding: 1rem 1.25rem; }
    .courses h3 { margin: 0 0 .35rem; font-size: 1.05rem; }
    .meta { color: #4a5868; font-size: .92rem; }
    code { font-size: .95em; background: #eef1f5; padding: .05rem .3rem; border-radius: .25rem; overflow-wrap: anywhere; }
    .try li { margin-block: .3rem; }
    microcert-verify { display: block; margin-block: 1rem; }
    footer { color: #4a5868; font-size: .85rem; }`

const LANG_SCRIPT = `
    <script type="module">
      const stored = new URLSearchParams(location.search).get('lang')
      const setLang = (lang) => {
        document.documentElement.lang = lang
        for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang))
      }
      if (stored === 'cs' || stored === 'en') setLang(stored)
      for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => setLang(b.dataset.lang))
    </script>`

function layout(site: DemoSite, title: string, root: string, body: string, extraHead = ''): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${e(title)} · ${e(site.university)}</title>
    <style>${STYLE}
    </style>
    <script type="module" src="${root}microcert-verify.js"></script>${extraHead}
  </head>
  <body>
    <div class="bar"><div class="inner">
      <span class="brand">${e(site.university)}</span>
      <nav><a href="${root}">Micro-credentials</a><a href="${root}verify/">Check a certificate</a><a href="${root}employer.html">For employers</a></nav>
      <span class="lang" role="group" aria-label="Language"><button type="button" data-lang="en" aria-pressed="true">English</button> <button type="button" data-lang="cs" aria-pressed="false">Čeština</button></span>
    </div></div>
    <main class="inner">
${body}
    </main>
    <footer class="inner">
      <p>Demo site made by <code>microcert demo</code>. Issuer <code>${e(site.did)}</code> · <a href="${root}.well-known/did.json">DID document</a> ·
      credentials are Open Badges 3.0 / W3C Verifiable Credentials with the EU micro-credential elements. The people and the university are fictional.</p>
    </footer>${LANG_SCRIPT}
  </body>
</html>
`
}

function widget(site: DemoSite, attrs: string): string {
  return `<microcert-verify ${attrs} registry="${e(site.registry)}" allow-insecure-localhost></microcert-verify>`
}

/** The university's micro-credentials page: courses and the checker, trusting the demo issuer. */
export function demoIndexPage(site: DemoSite): string {
  const courses = site.courses
    .map(
      (c) => `        <li><h3>${e(c.title)}</h3>
          <div class="meta">${e(c.ects)} ECTS · EQF level ${e(c.eqfLevel)} · ${e(c.participation)} · ${e(c.learners)} holders</div>
          <p>${e(c.description.length > 180 ? `${c.description.slice(0, 177)}…` : c.description)}</p></li>`,
    )
    .join('\n')
  return layout(
    site,
    'Micro-credentials',
    './',
    `      <h1>Micro-credentials</h1>
      <p>Short courses with a certificate that anyone can check: every micro-credential we award is signed by the university
      and carries the elements of the EU Council Recommendation on micro-credentials (ECTS, EQF level, learning outcomes,
      assessment, quality assurance).</p>
      <ul class="courses">
${courses}
      </ul>
      <section class="card" aria-labelledby="check">
        <h2 id="check">Check a certificate</h2>
        <p>Type the certificate ID from a graduate's certificate, paste a link or the credential file.</p>
        ${widget(site, `id="checker" input trusted-issuers="${e(site.did)}"`)}
        <p>Try these IDs of the demo:</p>
        <ul class="try">
          <li>valid: <code>${e(site.valid)}</code></li>
          <li>revoked: <code>${e(site.revoked)}</code></li>
          <li>with a typo: <code>${e(site.typo)}</code></li>
        </ul>
        <p>A learner's share link looks like this: <a href="./verify/?id=${e(site.valid)}">verify/?id=${e(site.valid)}</a></p>
      </section>`,
  )
}

/** `verify/?id=…`: the public page of one credential (the learner's share link). */
export function demoVerifyPage(site: DemoSite): string {
  return layout(
    site,
    'Check a certificate',
    '../',
    `      <h1>Check a certificate</h1>
      <div class="card">
        ${widget(site, `id="verifier" input trusted-issuers="${e(site.did)}"`)}
      </div>
      <script type="module">
        const id = new URLSearchParams(location.search).get('id')
        if (id) document.getElementById('verifier').setAttribute('certificate-id', id)
      </script>`,
  )
}

/** A stand-alone checker for employers and job portals, trusting the issuers of a trust list. */
export function demoEmployerPage(site: DemoSite): string {
  return layout(
    site,
    'Checking a micro-credential',
    './',
    `      <h1>Checking a micro-credential</h1>
      <p>For employers and job portals: paste the certificate ID, a link or the file you received. The check runs in your browser;
      the issuer is trusted when it is on the <a href="./trust-list.json">trust list</a> of accredited issuers.</p>
      <div class="card">
        ${widget(site, `id="checker" input trust-list="${e(site.registry)}/trust-list.json"`)}
      </div>
      <ul>
        <li><strong>Verified</strong>: authentic, unchanged, not revoked, not expired, issuer on the trust list.</li>
        <li><strong>Warning</strong>: authentic, but needs your judgement (expired, or the issuer is not on the trust list).</li>
        <li><strong>Failed</strong>: forged, altered, revoked or suspended.</li>
        <li><strong>Could not check</strong>: the registry could not be reached; this says nothing about the credential.</li>
      </ul>`,
  )
}
