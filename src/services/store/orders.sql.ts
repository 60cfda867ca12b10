/** SQL of the orders repository. */

export const insertOrder = `
INSERT INTO orders (id, merchant_reference, option_id, option_snapshot, items, destination, metadata, status, token_hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`

export const selectOrder = `
SELECT id, merchant_reference, pro_order_reference, option_id, option_snapshot, items, destination, metadata,
       status, status_reason, attempts, token_hash, created_at, updated_at
FROM orders WHERE id = $1`

/** Only from `confirming`: a stale writer never moves an order back or names another PRO order. */
export const setAccepted = `
UPDATE orders SET status = 'accepted', updated_at = now()
WHERE id = $1 AND status = 'confirming' AND pro_order_reference = $2`

export const setStatus = `
UPDATE orders SET status = $2, status_reason = $3, updated_at = now()
WHERE id = $1`

export const insertEvent = `
INSERT INTO order_events (order_id, status, detail) VALUES ($1, $2, $3)`

export const selectEvents = `
SELECT id, status, detail, created_at FROM order_events
WHERE order_id = $1 AND id > $2 ORDER BY id`

export const setProOrderReference = `
UPDATE orders SET pro_order_reference = $2, updated_at = now() WHERE id = $1 AND pro_order_reference IS NULL`

/** Not once an earlier attempt's outcome was unknown: PRO may hold that order, and its spare record stays. */
export const deleteUnconfirmed = `
DELETE FROM orders o WHERE o.id = $1 AND o.pro_order_reference IS NULL
  AND NOT EXISTS (SELECT 1 FROM spare_orders s WHERE s.order_id = o.id)`

export const selectOrderForUpdate = `
SELECT id, status FROM orders WHERE id = $1 FOR UPDATE`

/** Never over a later status: an order a pass already labelled (or manifested) stays where it is. */
export const setAttention = `
UPDATE orders SET status = 'needs_attention', status_reason = $2, attempts = $3, updated_at = now()
WHERE id = $1 AND status IN ('accepted', 'packed', 'allocated', 'needs_attention')`
