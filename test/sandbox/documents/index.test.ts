import t from 'tap'
import { renderCustomsDocument, renderLabel, type CustomsDocumentKind, type LabelFormat } from '../../../src/sandbox/documents/index.js'
import { customsData, labelData } from './fixtures.js'

t.test('each label format has its content type', async t => {
  const expected: Record<LabelFormat, string> = { PDF: 'application/pdf', PNG: 'image/png', ZPL: 'application/zpl', ZPLII: 'application/zpl' }
  for (const [format, contentType] of Object.entries(expected)) {
    t.equal((await renderLabel(format as LabelFormat, labelData())).contentType, contentType, format)
  }
})

t.test('unknown formats and kinds are rejected, not answered with undefined', async t => {
  await t.rejects(renderLabel('pdf' as LabelFormat, labelData()), RangeError)
  await t.rejects(renderCustomsDocument('CN24' as CustomsDocumentKind, customsData()), RangeError)
})
