import { Type, type Static } from '@sinclair/typebox'

export const ManifestBatchSchema = Type.Object({
  batchId: Type.String({ format: 'uuid' }),
  shippingLocation: Type.String({ examples: ['EDC5_Electio'] }),
  carrier: Type.Union([Type.String(), Type.Null()], { examples: ['Royal Mail'] }),
  requested: Type.Integer({ minimum: 0, description: 'consignments sent to PRO in this batch' }),
  manifested: Type.Integer({ minimum: 0, description: 'of those, the ones PRO reports manifested (Manifested or a later carrier state)' }),
  failed: Type.Integer({ minimum: 0, description: 'the rest; they join the next run' })
})

export const ManifestRunSchema = Type.Object({
  skipped: Type.Boolean({ description: 'true when another manifest run was under way, so this one did nothing' }),
  reconciled: Type.Integer({ minimum: 0, description: 'consignments an interrupted run had left Manifesting, settled by reading PRO' }),
  batches: Type.Array(ManifestBatchSchema, { description: 'one batch per (shipping location, carrier) with labelled consignments' })
}, {
  examples: [{
    skipped: false,
    reconciled: 0,
    batches: [
      { batchId: '5b0d3f3e-6f1c-4a7e-9a55-2f1f4bb0c0de', shippingLocation: 'EDC5_Electio', carrier: 'Royal Mail', requested: 12, manifested: 12, failed: 0 },
      { batchId: 'c1f9e0a4-0d7b-4c55-8a7e-61d2c3a4b5f6', shippingLocation: 'WH_BRISTOL', carrier: 'DPD', requested: 3, manifested: 2, failed: 1 }
    ]
  }]
})
export type ManifestRun = Static<typeof ManifestRunSchema>
