import t from 'tap'
import { checkoutCustoms, customsDocumentation, declarationDateOf } from '../../../src/services/pro-mapping/customs.js'

t.test('checkout customs: the configured defaults, declared on the UK date of the request', async (t) => {
  const defaults = { category: 'SaleOfGoods', shippingTerms: 'DAP', reasonForExport: 'Sale' } as const
  t.strictSame(checkoutCustoms(defaults, new Date('2026-11-23T10:00:00Z')), {
    CategoryType: 'SaleOfGoods',
    DeclarationDate: '2026-11-23T00:00:00+00:00',
    ReasonForExport: 'Sale',
    ShippingTerms: 'DAP'
  })
})

t.test('the declaration date is the calendar day in the UK', async (t) => {
  t.equal(declarationDateOf(new Date('2026-06-30T23:30:00Z')), '2026-07-01', 'BST: already the next day in London')
  t.equal(declarationDateOf(new Date('2026-12-31T23:30:00Z')), '2026-12-31', 'GMT')
})

t.test('staff customs map field by field; the declaration is dated by the invoice', async (t) => {
  t.strictSame(customsDocumentation({
    category: 'Other',
    categoryExplanation: 'Spare parts',
    reasonForExport: 'Repair',
    shippingTerms: 'DDP',
    invoiceDate: '2026-11-20',
    invoiceNumber: 'INV-77',
    shipperVatNumber: 'GB123456789',
    receiverVatNumber: 'FR987654321',
    shipperCustomsReference: 'CREF-1',
    designatedPersonResponsible: 'Pat Jones',
    shipperEori: 'GB123456789000'
  }), {
    CategoryType: 'Other',
    CategoryTypeExplanation: 'Spare parts',
    ReasonForExport: 'Repair',
    ShippingTerms: 'DDP',
    InvoiceDate: '2026-11-20T00:00:00+00:00',
    DeclarationDate: '2026-11-20T00:00:00+00:00',
    ReferencesOfAttachedInvoices: ['INV-77'],
    ShippersVatNumber: 'GB123456789',
    ReceiversVatNumber: 'FR987654321',
    ShipperCustomsReference: 'CREF-1',
    DesignatedPersonResponsible: 'Pat Jones'
  }, 'EORI numbers travel as metadata, not here')
  t.strictSame(customsDocumentation({ category: 'Gift' }), { CategoryType: 'Gift' }, 'absent fields are left out')
})
