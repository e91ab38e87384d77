import type { Plugin } from 'esbuild'
export declare const browserFieldPlugin: Plugin
