/** SQL of the option uses (a PRO option reference becomes at most one order). */

/** Waits for a concurrent claim of the same option to commit or roll back, then answers nothing if it won. */
export const claim = `
INSERT INTO option_uses (option_id, order_id) VALUES ($1, $2) ON CONFLICT (option_id) DO NOTHING RETURNING option_id`
