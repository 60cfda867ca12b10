/** SQL of the documents repository (labels and customs documents, stored as files). */

export const upsert = `
INSERT INTO documents (consignment_id, kind, name, content_type, data) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (consignment_id, kind, name) DO UPDATE SET content_type = EXCLUDED.content_type, data = EXCLUDED.data`

export const selectOne = `
SELECT name, content_type, data FROM documents WHERE consignment_id = $1 AND kind = $2 AND name = $3`

export const list = `
SELECT kind, name, content_type, octet_length(data) AS size FROM documents WHERE consignment_id = $1 ORDER BY kind, name`
