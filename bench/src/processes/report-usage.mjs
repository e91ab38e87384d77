// Preloaded (`node --import`) into a measured process: at exit it writes its peak RSS and CPU time to the file named
// by BENCH_USAGE_FILE, so the CLI itself needs no benchmark hooks.
import { writeFileSync } from 'node:fs'

const file = process.env.BENCH_USAGE_FILE
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(file, JSON.stringify({ maxRssMb: usage.maxRSS / 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }))
  })
}
