import {createClient} from '@sanity/client'
import {TEST_TOKEN} from './lake-process'

// One writer process for the multi-process test: 50 increments and 50 two-document transactions.
const [url, index] = process.argv.slice(2)
const client = createClient({
  projectId: 'local',
  dataset: 'production',
  apiVersion: '2025-02-19',
  apiHost: url,
  useProjectHostname: false,
  useCdn: false,
  token: TEST_TOKEN,
})

await Promise.all(
  Array.from({length: 50}, async (_, i) => {
    await client.patch('shared-counter').inc({n: 1}).commit()
    const a = `pair-${index}-${i}-a`
    const b = `pair-${index}-${i}-b`
    await client.transaction().create({_id: a, _type: 'pair-member', partner: b}).create({_id: b, _type: 'pair-member', partner: a}).commit()
  }),
)
