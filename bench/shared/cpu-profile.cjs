// Preloaded into a bundle (NODE_OPTIONS="--require ./bench/shared/cpu-profile.cjs", which allows no
// --cpu-prof): profiles CPU_PROF_MS ms starting CPU_PROF_DELAY_MS ms after start, writes
// CPU_PROF_DIR/<pid>.cpuprofile (open in Chrome DevTools, or summarize with bench/shared/profile-top.ts).
const { Session } = require('node:inspector');
const { writeFileSync, mkdirSync } = require('node:fs');
const dir = process.env.CPU_PROF_DIR || '/tmp';
const session = new Session();
session.connect();
setTimeout(
  () => {
    session.post('Profiler.enable', () =>
      session.post('Profiler.start', () =>
        setTimeout(
          () =>
            session.post('Profiler.stop', (err, { profile }) => {
              mkdirSync(dir, { recursive: true });
              writeFileSync(`${dir}/${process.pid}.cpuprofile`, JSON.stringify(profile));
            }),
          Number(process.env.CPU_PROF_MS || 10000),
        ).unref(),
      ),
    );
  },
  Number(process.env.CPU_PROF_DELAY_MS || 0),
).unref();
