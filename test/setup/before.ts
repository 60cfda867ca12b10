import { prepareTestServer } from '../helpers/database.js'

// tap runs this once before any test file: the run's PostgreSQL server and migrated template.
await prepareTestServer()
