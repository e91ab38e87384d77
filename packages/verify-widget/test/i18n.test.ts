import { MICROCERT_ERROR_CODES } from '@microcert/core'
import { expect, fixture, html } from '@open-wc/testing'
import '../src/define.js'
import bg from '../src/i18n/bg.js'
import cs from '../src/i18n/cs.js'
import da from '../src/i18n/da.js'
import de from '../src/i18n/de.js'
import el from '../src/i18n/el.js'
import en, { errors, type Messages } from '../src/i18n/en.js'
import es from '../src/i18n/es.js'
import et from '../src/i18n/et.js'
import fi from '../src/i18n/fi.js'
import fr from '../src/i18n/fr.js'
import ga from '../src/i18n/ga.js'
import hr from '../src/i18n/hr.js'
import hu from '../src/i18n/hu.js'
import italian from '../src/i18n/it.js'
import lt from '../src/i18n/lt.js'
import lv from '../src/i18n/lv.js'
import mt from '../src/i18n/mt.js'
import nl from '../src/i18n/nl.js'
import pl from '../src/i18n/pl.js'
import pt from '../src/i18n/pt.js'
import ro from '../src/i18n/ro.js'
import sk from '../src/i18n/sk.js'
import sl from '../src/i18n/sl.js'
import sv from '../src/i18n/sv.js'
import { FALLBACK_TEXT } from '../src/lib/fallback-text.js'
import type { MicrocertVerify } from '../src/microcert-verify.js'
import { registerTranslation } from '../src/register-translation.js'
import { issue, jwkIssuer, mountAndWait, part, screenshot, shadowText, waitUntil, type TestIssuer } from './helpers.js'

/** The 24 official EU languages, each with its built-in file. */
const LANGUAGES: Record<string, Messages> = {
  bg, cs, da, de, el, en, es, et, fi, fr, ga, hr, hu, it: italian, lt, lv, mt, nl, pl, pt, ro, sk, sl, sv,
}
/** Texts a language writes exactly as English does, on purpose ("online" in Czech, German, Hungarian, Slovak; "Signature" in French). */
const SAME_AS_ENGLISH: Record<string, string[]> = { participationOnline: ['cs', 'de', 'hu', 'sk'], checkSignature: ['fr'] }

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()

/** Every text of a language as [where, text] pairs, plural forms one by one. */
function texts(messages: Messages): [string, string][] {
  return [
    ...Object.entries(messages.ui).map(([key, text]): [string, string] => [`ui.${key}`, text]),
    ...Object.entries(messages.errors).map(([key, text]): [string, string] => [`errors.${key}`, text]),
    ...Object.entries(messages.plurals).flatMap(([key, forms]) => Object.entries(forms).map(([category, text]): [string, string] => [`plurals.${key}.${category}`, text])),
  ]
}

async function verified(template: ReturnType<typeof html>): Promise<MicrocertVerify> {
  const { el: element } = await mountAndWait(template)
  return element
}

/** A credential whose own text is Czech, so no English on screen can come from the credential. */
function czechCourse(issuer: TestIssuer, ects = 5): ReturnType<typeof issue> {
  return issue(issuer, {
    achievement: {
      title: 'Analýza dat v Pythonu',
      description: 'Krátký kurz analýzy dat.',
      learningOutcomes: ['Čištění a průzkum tabulkových dat', 'Sestavení a vysvětlení lineární regrese'],
      ects,
      eqfLevel: 6,
      assessment: ['písemná zkouška', 'projekt'],
      participation: 'blended',
      qualityAssurance: [{ name: 'Vnitřní zajišťování kvality Univerzity Karlovy', type: 'internal' }],
    },
  } as Parameters<typeof issue>[1])
}

describe('<microcert-verify> languages', () => {
  describe('the translation tables', () => {
    it('ship all 24 official EU languages, each with every key of the English table and no other', () => {
      expect(Object.keys(LANGUAGES).sort()).to.deep.equal([
        'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv',
      ])
      for (const [lang, messages] of Object.entries(LANGUAGES)) {
        expect(Object.keys(messages.ui).sort(), `${lang} ui`).to.deep.equal(Object.keys(en.ui).sort())
        expect(Object.keys(messages.plurals).sort(), `${lang} plurals`).to.deep.equal(Object.keys(en.plurals).sort())
        expect(Object.keys(messages.errors).sort(), `${lang} errors`).to.deep.equal([...MICROCERT_ERROR_CODES].sort())
        for (const [where, text] of texts(messages)) expect(text.trim(), `${lang} ${where}`).to.not.equal('')
      }
    })

    it('leave no English behind where a translation exists', () => {
      const english = new Map(texts(en))
      const englishPluralForms = new Set(texts(en).filter(([where]) => where.startsWith('plurals.')).map(([, text]) => text))
      for (const [lang, messages] of Object.entries(LANGUAGES)) {
        if (lang === 'en') continue
        for (const [where, text] of texts(messages)) {
          const key = where.split('.')[1]!
          if (SAME_AS_ENGLISH[key]?.includes(lang)) continue
          expect(text, `${lang} ${where} is the English text`).to.not.equal(english.get(where))
          if (where.startsWith('plurals.')) expect(englishPluralForms.has(text), `${lang} ${where} is an English form`).to.equal(false)
        }
      }
    })

    it('keep the placeholders of the English text in every translation', () => {
      const english = new Map(texts(en))
      for (const [lang, messages] of Object.entries(LANGUAGES)) {
        for (const [where, text] of texts(messages)) {
          const source = where.startsWith('plurals.') ? english.get(`${where.split('.').slice(0, 2).join('.')}.other`)! : english.get(where)!
          const expected = placeholders(source)
          // A plural form may leave the count out ("Show the check"), never use another placeholder.
          const got = placeholders(text)
          if (where.startsWith('plurals.')) expect(got.every((name) => expected.includes(name)), `${lang} ${where}`).to.equal(true)
          else expect(got, `${lang} ${where}`).to.deep.equal(expected)
        }
      }
    })

    it("have a form for every plural category of each language's Intl.PluralRules", () => {
      for (const [lang, messages] of Object.entries(LANGUAGES)) {
        const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories
        for (const [key, forms] of Object.entries(messages.plurals)) {
          for (const category of categories) expect(forms, `${lang} plurals.${key}`).to.have.property(category)
        }
      }
    })

    it('keep the inline English lines equal to the English file', () => {
      for (const [key, text] of Object.entries(FALLBACK_TEXT)) expect(text, key).to.equal(en.ui[key as keyof typeof en.ui])
    })

    it('have English text for every error code', () => {
      for (const code of MICROCERT_ERROR_CODES) expect(errors[code], code).to.be.a('string').and.not.equal('')
    })
  })

  it('shows Czech text, Czech dates, Intl country names and Czech plurals with lang="cs"', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const element = await verified(html`<microcert-verify lang="cs" credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`)
    expect(part(element, 'headline')?.textContent).to.equal('Pravý mikrocertifikát vydaný institucí Univerzita Karlova')
    expect(part(element, 'status-label')?.textContent).to.equal('Ověřeno')
    const text = shadowText(element)
    for (const expected of ['2. března 2026', '5 kreditů ECTS', 'úroveň EQF 6', 'Česko', 'důvěryhodný vydavatel', 'Zobrazit 7 kontrol']) {
      expect(text).to.contain(expected)
    }
    await expect(element).to.be.accessible()
    await screenshot(element, 'czech')
  })

  it('picks the plural form by Intl.PluralRules (1, 3 and 2.5 credits in Czech; 1 credit in English)', async () => {
    const issuer = await jwkIssuer()
    const shown = async (lang: string, ects: number): Promise<string> => {
      const { jwt } = await czechCourse(issuer, ects)
      return shadowText(await verified(html`<microcert-verify lang=${lang} credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`))
    }
    expect(await shown('cs', 1)).to.contain('1 kredit ECTS')
    expect(await shown('cs', 3)).to.contain('3 kredity ECTS')
    expect(await shown('cs', 2.5)).to.contain('2,5 kreditu ECTS')
    expect(await shown('en', 1)).to.contain('1 ECTS credit')
  })

  for (const lang of ['el', 'bg']) {
    it(`renders in ${lang === 'el' ? 'Greek' : 'Bulgarian'} without a missing key (no English text on screen)`, async () => {
      const issuer = await jwkIssuer()
      const other = await jwkIssuer('Άγνωστο Πανεπιστήμιο')
      const { jwt } = await czechCourse(issuer)
      const { jwt: expired } = await issue(other, { issuedAt: '2025-01-10T09:00:00Z', validUntil: '2025-12-31T23:00:00Z' })
      const english = texts(en)
        .flatMap(([, text]) => text.split(/\{\w+\}/))
        .map((fragment) => fragment.trim())
        .filter((fragment) => fragment.length >= 6 && /[a-z]{3}/i.test(fragment))
      const shown: MicrocertVerify[] = [
        await verified(html`<microcert-verify lang=${lang} credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`),
        await verified(html`<microcert-verify lang=${lang} credential=${expired} trusted-issuers=${issuer.did}></microcert-verify>`),
      ]
      const form = await fixture<MicrocertVerify>(html`<microcert-verify lang=${lang} input></microcert-verify>`)
      await waitUntil(() => part(form, 'button')?.textContent !== en.ui.verifyButton, 'the language file')
      shown.push(form)
      for (const element of shown) {
        // Every text of the element, including what waits behind the disclosures.
        element.shadowRoot!.querySelectorAll('details').forEach((d) => (d.open = true))
        const text = shadowText(element)
        for (const fragment of english) expect(text, `"${fragment}" in ${lang}`).to.not.contain(fragment)
      }
      const element = await verified(html`<microcert-verify lang=${lang} credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`)
      expect(part(element, 'headline')?.textContent).to.equal(
        lang === 'el'
          ? 'Γνήσιο μικροδιαπιστευτήριο που εκδόθηκε από τον φορέα Univerzita Karlova'
          : 'Истинска микроквалификация, издадена от Univerzita Karlova',
      )
      await screenshot(element, lang === 'el' ? 'greek' : 'bulgarian')
    })
  }

  it('takes the language of the closest [lang] ancestor, and follows a change of the lang attribute', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const { el: element } = await mountAndWait(html`<div lang="de-AT"><microcert-verify credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify></div>`)
    expect(part(element, 'status-label')?.textContent).to.equal('Geprüft')
    expect(part(element, 'headline')?.textContent).to.equal('Echtes Microcredential, ausgestellt von Univerzita Karlova')
    expect(shadowText(element)).to.contain('2. März 2026')
    element.setAttribute('lang', 'fr')
    await waitUntil(() => part(element, 'status-label')?.textContent === 'Vérifiée', 'French text')
    expect(part(element, 'headline')?.textContent).to.equal('Microcertification authentique délivrée par Univerzita Karlova')
  })

  it('falls back to English for a language it does not ship', async () => {
    const element = await fixture<MicrocertVerify>(html`<microcert-verify lang="ja" input></microcert-verify>`)
    expect(part(element, 'button')?.textContent).to.equal('Verify')
  })

  it('lets a site add a language or override strings with registerTranslation()', async () => {
    registerTranslation('is', { ui: { verifyButton: 'Staðfesta', inputLabel: 'Númer skírteinis' } })
    const element = await fixture<MicrocertVerify>(html`<microcert-verify lang="is" input></microcert-verify>`)
    expect(part(element, 'button')?.textContent).to.equal('Staðfesta')
    expect(part(element, 'label')?.textContent).to.equal('Númer skírteinis')
    expect(part(element, 'hint')?.textContent).to.contain('For example')
    registerTranslation('is', { ui: { verifyButton: 'Athuga' } })
    await element.updateComplete
    expect(part(element, 'button')?.textContent).to.equal('Athuga')
    expect(() => registerTranslation('', {})).to.throw(TypeError)
  })
})
