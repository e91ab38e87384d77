import { writeLearnersCsv } from '../src/lib/fixtures.ts'
for (const n of [2000, 10000, 20000]) await writeLearnersCsv(`/tmp/clim/l${n}.csv`, n)
