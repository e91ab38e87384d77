import { createRegistry } from '../src/lib/fixtures.ts'
await createRegistry('/tmp/benchreg', { count: 1000 })
