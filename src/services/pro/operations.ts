/**
 * PRO operations by name (the simulator counts and faults by the same names). A `read` may be
 * repeated freely; a `write` has side effects, so it is repeated only when PRO certainly did not
 * receive it.
 */
export const OPERATIONS = {
  deliveryOptions: 'read',
  pickupOptions: 'read',
  optionDetails: 'read',
  selectOrder: 'write',
  getOrder: 'read',
  // PUT of one address: repeating it sets the same address again, so it may be repeated like a read.
  orderAddress: 'read',
  pack: 'write',
  createConsignment: 'write',
  getConsignment: 'read',
  searchConsignments: 'read',
  quotes: 'read',
  allocate: 'write',
  labels: 'read',
  customsDocs: 'read',
  manifest: 'write',
  deallocate: 'write',
  cancel: 'write',
  tracking: 'read'
} as const satisfies Record<string, 'read' | 'write'>

export type ProOperation = keyof typeof OPERATIONS

export function hasSideEffects (op: ProOperation): boolean {
  return OPERATIONS[op] === 'write'
}
