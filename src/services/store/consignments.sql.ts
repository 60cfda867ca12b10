/** SQL of the consignments repository. */

const columns = `id, intent_key, order_id, source, reference, shipping_location, state, carrier, service,
  service_reference, tracking_numbers, details, manifest_batch_id, created_at, updated_at`

/** Records the intent to create a consignment; a second insert of the same intent is a no-op. */
export const insertIntent = `
INSERT INTO consignments (id, intent_key, order_id, source, shipping_location, state, details)
VALUES ($1, $2, $3, $4, $5, 'Creating', $6)
ON CONFLICT (intent_key) DO NOTHING`

export const selectByIntent = `SELECT ${columns} FROM consignments WHERE intent_key = $1`

export const selectByReference = `SELECT ${columns} FROM consignments WHERE reference = $1`

export const selectByOrder = `SELECT ${columns} FROM consignments WHERE order_id = $1 ORDER BY intent_key`

export const setCreated = `
UPDATE consignments SET reference = $2, state = 'Unallocated', updated_at = now()
WHERE intent_key = $1 AND reference IS NULL`

export const setAllocation = `
UPDATE consignments SET state = $2, carrier = $3, service = $4, service_reference = $5, tracking_numbers = $6,
  details = details || $7::jsonb, updated_at = now()
WHERE reference = $1`

export const setState = `
UPDATE consignments SET state = $2, updated_at = now() WHERE reference = $1`


export const selectById = `SELECT ${columns} FROM consignments WHERE id = $1`
