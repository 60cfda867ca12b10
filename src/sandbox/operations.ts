/** The PRO operations the simulator counts and can fault, one name per endpoint family. */
export const OPERATIONS = [
  'deliveryOptions',
  'pickupOptions',
  'optionDetails',
  'selectOrder',
  'getOrder',
  'orderAddress',
  'pack',
  'createConsignment',
  'getConsignment',
  'searchConsignments',
  'quotes',
  'allocate',
  'labels',
  'customsDocs',
  'manifest',
  'deallocate',
  'cancel',
  'tracking'
] as const

export type Operation = typeof OPERATIONS[number]
