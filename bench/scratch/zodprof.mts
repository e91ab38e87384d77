import { MicroCredentialInput } from '../../packages/schemas/src/index.ts'
import { issueInput } from '../src/lib/fixtures.ts'
const profile = { id: 'did:web:127.0.0.1%3A8999', name: 'Bench University', country: 'CZ', url: 'http://127.0.0.1:8999' }
const inputs = Array.from({ length: 1000 }, (_, i) => structuredClone({ ...issueInput(i), issuer: profile }))
for (let i = 0; i < 200000; i++) MicroCredentialInput.safeParse(inputs[i % 1000])
