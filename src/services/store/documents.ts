import type { Queryable } from './transaction.js'
import * as sql from './documents.sql.js'

export type DocumentKind = 'label' | 'customs'

export interface StoredDocument {
  name: string
  contentType: string
  data: Buffer
}

export interface DocumentInfo {
  kind: DocumentKind
  name: string
  contentType: string
  size: number
}

export async function saveDocument (db: Queryable, consignmentId: string, kind: DocumentKind, document: StoredDocument): Promise<void> {
  await db.query(sql.upsert, [consignmentId, kind, document.name, document.contentType, document.data])
}

export async function findDocument (db: Queryable, consignmentId: string, kind: DocumentKind, name: string): Promise<StoredDocument | undefined> {
  const { rows } = await db.query(sql.selectOne, [consignmentId, kind, name])
  const row = rows[0]
  return row ? { name: row.name, contentType: row.content_type, data: row.data } : undefined
}

export async function listDocuments (db: Queryable, consignmentId: string): Promise<DocumentInfo[]> {
  const { rows } = await db.query(sql.list, [consignmentId])
  return rows.map((row) => ({ kind: row.kind, name: row.name, contentType: row.content_type, size: Number(row.size) }))
}
