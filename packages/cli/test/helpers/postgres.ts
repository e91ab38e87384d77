// PostgreSQL for CLI tests: the same throwaway cluster and fresh databases as the core tests (see
// packages/core/test/node/pg/database.ts). Tests that need it fail, never skip, when no server can be started.
export { dropDatabase, fileDatabase, freshDatabase, sql } from '../../../core/test/node/pg/database.js'
