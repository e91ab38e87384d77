import { css } from 'lit'

export const styles = css`
  :host {
    --_bg: #ffffff;
    --_fg: #1b1f24;
    --_muted: #4b5563;
    --_border: #c9ced6;
    --_accent: #1d4ed8;
    --_success: #0b6b35;
    --_warning: #8a4b00;
    --_danger: #b3171d;
    --_unknown: #4b5563;
    --_tint: 8%;
    display: block;
    position: relative;
    box-sizing: border-box;
    max-width: var(--microcert-max-width, 46rem);
    color: var(--microcert-foreground, var(--_fg));
    background: var(--microcert-background, var(--_bg));
    font-family: var(--microcert-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--microcert-font-size, 1rem);
    line-height: 1.5;
    border: 1px solid var(--microcert-border, var(--_border));
    border-radius: var(--microcert-radius, 0.5rem);
    padding: var(--microcert-spacing, 1rem);
    overflow-wrap: anywhere;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: #16191d;
      --_fg: #eef1f4;
      --_muted: #b4bcc6;
      --_border: #444c56;
      --_accent: #8ab4ff;
      --_success: #63d68f;
      --_warning: #f3c26b;
      --_danger: #ff9a9a;
      --_unknown: #c0c7d0;
      --_tint: 14%;
    }
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: border-box; }
  .accent { --_c: var(--microcert-accent, var(--_accent)); }
  .s-verified { --_c: var(--microcert-success, var(--_success)); }
  .s-warning { --_c: var(--microcert-warning, var(--_warning)); }
  .s-failed { --_c: var(--microcert-danger, var(--_danger)); }
  .s-unknown, .s-skipped, .s-verifying { --_c: var(--microcert-unknown, var(--_unknown)); }
  .s-passed { --_c: var(--microcert-success, var(--_success)); }
  [part~='base'] { display: flex; flex-direction: column; gap: var(--microcert-spacing, 1rem); container-type: inline-size; }
  [part~='field-error'] svg { width: 1.1rem; height: 1.1rem; vertical-align: -0.2rem; }
  [part~='verdict'] {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    border-inline-start: 0.35rem solid var(--_c, transparent);
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--microcert-radius, 0.5rem) / 2);
    background: color-mix(in srgb, var(--_c, transparent) var(--_tint), transparent);
  }
  /* Idle: kept in the accessibility tree (a live region must exist before it speaks), just not shown. */
  .verdict-idle { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); padding: 0; border: 0; }
  /* Focus reaches the verdict only after a keyboard-started check; a ring then, never after a click. */
  [part~='verdict']:focus { outline: none; }
  [part~='verdict']:focus-visible { outline: 2px solid var(--microcert-accent, var(--_accent)); outline-offset: 2px; }
  [part~='icon'] { flex: none; width: 1.75rem; height: 1.75rem; color: var(--_c); }
  [part~='status-label'] {
    display: inline-block;
    font-size: 0.8rem;
    font-weight: 700;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--_c);
  }
  [part~='headline'] { display: block; margin: 0; font-size: 1.15rem; font-weight: 700; }
  [part~='explanation'] { margin: 0.25rem 0 0; color: var(--microcert-muted, var(--_muted)); }
  [part~='checks'] { list-style: none; margin: 0; padding: 0; }
  [part~='check'] { display: grid; grid-template-columns: 1.5rem 1fr; gap: 0 0.5rem; padding: 0.2rem 0; }
  [part~='check'] svg { width: 1.25rem; height: 1.25rem; margin-top: 0.15rem; color: var(--_c); }
  .check-name { font-weight: 600; }
  .check-outcome { color: var(--_c); font-weight: 600; }
  .check-text { grid-column: 2; color: var(--microcert-muted, var(--_muted)); font-size: 0.9rem; }
  .section-title { margin: 0 0 0.25rem; font-weight: 700; }
  [part~='details'] { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.25rem 1rem; margin: 0; }
  [part~='details'] dt { color: var(--microcert-muted, var(--_muted)); }
  [part~='details'] dd { margin: 0; }
  [part~='details'] ul { margin: 0; padding-inline-start: 1.1rem; }
  /* Narrow (a phone, a sidebar): each label above its value. */
  @container (max-width: 30rem) {
    [part~='details'] { grid-template-columns: minmax(0, 1fr); gap: 0; }
    [part~='details'] dd { margin-bottom: 0.5rem; }
  }
  .nowrap { white-space: nowrap; overflow-wrap: normal; }
  summary { cursor: pointer; color: var(--microcert-accent, var(--_accent)); font-weight: 600; }
  summary:focus-visible { outline: 2px solid var(--microcert-accent, var(--_accent)); outline-offset: 2px; }
  [part~='checks-more'] > [part~='checks'] { margin-top: 0.25rem; }
  [part~='unverified'] {
    border: 1px dashed var(--microcert-border, var(--_border));
    border-radius: calc(var(--microcert-radius, 0.5rem) / 2);
    padding: 0.5rem 0.75rem;
  }
  [part~='unverified'][open] > summary { margin-bottom: 0.5rem; }
  .tag { font-size: 0.85rem; color: var(--_c); font-weight: 600; }
  [part~='image'] { max-width: 6rem; max-height: 6rem; float: inline-end; }
  a, [part~='link'] { color: var(--microcert-accent, var(--_accent)); }
  .share { margin: 0.75rem 0 0; }
  [part~='linkedin'] { font-weight: 600; }
  [part~='form'] { display: grid; gap: 0.4rem; }
  [part~='form'].dragging { outline: 2px dashed var(--microcert-accent, var(--_accent)); outline-offset: 4px; }
  [part~='label'] { font-weight: 700; }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  [part~='input'] {
    flex: 1 1 16rem;
    min-width: 0;
    font: inherit;
    padding: 0.5rem 0.65rem;
    color: inherit;
    background: var(--microcert-input-background, transparent);
    border: 1px solid var(--microcert-border, var(--_border));
    border-radius: calc(var(--microcert-radius, 0.5rem) / 2);
  }
  [part~='input'][aria-invalid='true'] { border-color: var(--microcert-danger, var(--_danger)); border-width: 2px; }
  [part~='button'], [part~='file-button'] {
    font: inherit;
    font-weight: 600;
    padding: 0.5rem 1rem;
    border-radius: calc(var(--microcert-radius, 0.5rem) / 2);
    cursor: pointer;
  }
  [part~='button'] {
    color: var(--microcert-on-accent, #fff);
    background: var(--microcert-accent, #1d4ed8);
    border: 1px solid transparent;
  }
  [part~='file-button'] {
    color: var(--microcert-accent, var(--_accent));
    background: transparent;
    border: 1px solid currentColor;
  }
  [part~='file-button']:focus-within, [part~='button']:focus-visible, [part~='input']:focus-visible {
    outline: 2px solid var(--microcert-accent, var(--_accent));
    outline-offset: 2px;
  }
  [part~='hint'] { margin: 0; font-size: 0.9rem; color: var(--microcert-muted, var(--_muted)); }
  [part~='field-error'] { margin: 0; font-weight: 600; color: var(--microcert-danger, var(--_danger)); }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    margin: -1px;
    padding: 0;
    border: 0;
  }
  .spin { animation: spin 1s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spin { animation: none; } }
`
