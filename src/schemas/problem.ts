import { Type, type Static } from '@sinclair/typebox'

export const FieldErrorSchema = Type.Object({
  field: Type.String({ description: 'JSON pointer of the failing field, e.g. /destination/postcode' }),
  message: Type.String()
})

/** RFC 9457 problem document; every error this service answers has this shape. */
export const ProblemSchema = Type.Object({
  type: Type.String({ description: 'URI naming the problem type' }),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String({ description: 'stable error code clients can branch on' }),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String({ description: 'the request id, quote it to support' })),
  errors: Type.Optional(Type.Array(FieldErrorSchema))
}, {
  $id: 'Problem',
  additionalProperties: true,
  examples: [{
    type: 'urn:problem:checkout-bff:VALIDATION_FAILED',
    title: 'The request is not valid',
    status: 400,
    code: 'VALIDATION_FAILED',
    instance: 'req-1',
    errors: [{ field: '/destination/postcode', message: 'must NOT have fewer than 1 characters' }]
  }]
})

export type Problem = Static<typeof ProblemSchema>

export const problemResponse = (description: string) => Type.Ref(ProblemSchema, { description })
