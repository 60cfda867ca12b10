/** SQL of the option offers repository (table `option_offers`), kept apart from the code that runs it. */

const columns = 'option_id, request_key, request, option, cut_off'

/**
 * $1 request key, $2 normalised request (jsonb), $3 options (jsonb array): one row per option, upserted
 * by option id so a repeated answer refreshes the offer instead of failing.
 */
export const upsertOffers = `
INSERT INTO option_offers (${columns})
SELECT offered->>'id', $1, $2::jsonb, offered, (offered->>'cutOff')::timestamptz
FROM jsonb_array_elements($3::jsonb) AS offered
ON CONFLICT (option_id) DO UPDATE SET
  request_key = EXCLUDED.request_key,
  request = EXCLUDED.request,
  option = EXCLUDED.option,
  cut_off = EXCLUDED.cut_off`

export const selectOffer = `SELECT ${columns} FROM option_offers WHERE option_id = $1`

/** $1 request key, $2 date, $3 type, $4 now: the cheapest live offer of that request on that day. */
export const selectAlternative = `
SELECT ${columns} FROM option_offers
WHERE request_key = $1 AND option->>'date' = $2 AND option->>'type' = $3 AND cut_off > $4
ORDER BY (option->'price'->>'gross')::numeric, cut_off DESC, option_id
LIMIT 1`

export const deleteExpired = 'DELETE FROM option_offers WHERE cut_off < $1'
