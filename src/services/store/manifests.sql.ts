/** SQL of manifest batches. */

/** (shipping location, carrier) groups that have labelled consignments in a manifestable state ($1). */
export const selectGroups = `
SELECT DISTINCT c.shipping_location, c.carrier FROM consignments c
WHERE c.state = ANY($1::text[]) AND c.reference IS NOT NULL
  AND c.shipping_location IS NOT NULL
  AND EXISTS (SELECT 1 FROM documents d WHERE d.consignment_id = c.id AND d.kind = 'label')
ORDER BY 1, 2`

export const insertBatch = `
INSERT INTO manifest_batches (id, shipping_location, carrier, requested) VALUES ($1, $2, $3, 0)`

/**
 * Claims a group's consignments for one batch in a single statement: a concurrent run (another
 * replica, or the staff trigger) re-checks the state after the row lock and skips what was taken.
 */
export const claimGroup = `
UPDATE consignments c SET state = 'Manifesting', manifest_batch_id = $1, updated_at = now()
WHERE c.shipping_location = $2 AND c.carrier IS NOT DISTINCT FROM $3
  AND c.state = ANY($4::text[]) AND c.reference IS NOT NULL
  AND EXISTS (SELECT 1 FROM documents d WHERE d.consignment_id = c.id AND d.kind = 'label')
RETURNING c.reference`

export const finishBatch = `
UPDATE manifest_batches SET requested = $2, manifested = $3, failed = $4, message = $5 WHERE id = $1`

export const deleteBatch = `DELETE FROM manifest_batches WHERE id = $1`

/** Marks the consignments PRO answered IsSuccess for in batch $1 (kept with the batch they were claimed for). */
export const markAccepted = `
UPDATE consignments SET details = details || jsonb_build_object('manifestAcceptedIn', $1::text)
WHERE reference = ANY($2::text[]) AND manifest_batch_id = $1`

/**
 * Consignments a run claimed but never settled (the process stopped mid-run, or PRO has not shown
 * their manifest yet), and whether PRO accepted them in the batch they were claimed for.
 */
export const selectUnsettled = `
SELECT reference, coalesce(details->>'manifestAcceptedIn' = manifest_batch_id::text, false) AS accepted
FROM consignments WHERE state = 'Manifesting' ORDER BY manifest_batch_id`

/** Labelled orders whose consignments are all in a manifested state ($1): a read-back cut short left them unmarked. */
export const selectFullyManifestedOrders = `
SELECT o.id FROM orders o
WHERE o.status = 'labelled'
  AND EXISTS (SELECT 1 FROM consignments c WHERE c.order_id = o.id)
  AND NOT EXISTS (SELECT 1 FROM consignments c WHERE c.order_id = o.id AND NOT (c.state = ANY($1::text[])))`
