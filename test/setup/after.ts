import { stopTestServer } from '../helpers/database.js'

// tap runs this once after every test file has finished.
await stopTestServer()
