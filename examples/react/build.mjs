#!/usr/bin/env node
// Bundles the app (React + the widget's npm build) into dist/app.js with esbuild; no other tooling.
import * as esbuild from 'esbuild'

await esbuild.build({
  entryPoints: [new URL('./src/main.jsx', import.meta.url).pathname],
  outfile: new URL('./dist/app.js', import.meta.url).pathname,
  bundle: true,
  format: 'esm',
  splitting: false,
  minify: true,
  jsx: 'automatic',
  target: 'es2022',
  platform: 'browser',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
})
console.log('built dist/app.js')
