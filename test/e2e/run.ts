/**
 * `npm run test:e2e`: runs the browser suite (`suite.ts`) against the devnet,
 * the indexer and the database (PostgreSQL with `DATABASE_URL`, else PGlite),
 * and ends with the line `E2E_TESTS passed=N failed=M` the root test runner reads.
 */
import './suite.ts';
