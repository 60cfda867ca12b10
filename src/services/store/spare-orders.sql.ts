/** SQL of the spare PRO orders list. */

export const insert = `
INSERT INTO spare_orders (order_id, pro_order_reference, reason) VALUES ($1, $2, $3)`

export const selectRecent = `
SELECT s.order_id, s.pro_order_reference, s.reason, s.created_at, o.merchant_reference
FROM spare_orders s JOIN orders o ON o.id = s.order_id
ORDER BY s.id DESC LIMIT $1`
