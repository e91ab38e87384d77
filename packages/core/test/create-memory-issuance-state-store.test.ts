import { createMemoryIssuanceStateStore } from '../src/create-memory-issuance-state-store.js'
import { describeIssuanceStateStoreContract } from './issuance-state-store-contract.js'

describeIssuanceStateStoreContract('createMemoryIssuanceStateStore', (now) => createMemoryIssuanceStateStore({ now }))
