// Loaded into the API process with `node --import` by the bench (no application change): the V8 CPU
// profiler runs in-process while the file `$EMBER_BENCH_CPU_PROFILE.ctl` says "start"; when it says
// "stop", the profile is written to $EMBER_BENCH_CPU_PROFILE (a .cpuprofile for Chrome DevTools or
// speedscope). Not a signal: Nest's shutdown hooks take SIGUSR2 (and re-raise SIGTERM, so --cpu-prof
// would never write its file).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const out = process.env.EMBER_BENCH_CPU_PROFILE;
if (out) {
  const ctl = `${out}.ctl`;
  const session = new Session();
  session.connect();
  const post = (method, params = {}) =>
    new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  let state = 'idle';
  setInterval(() => {
    if (!existsSync(ctl)) return;
    const want = readFileSync(ctl, 'utf8').trim();
    if (want === 'start' && state === 'idle') {
      state = 'running';
      post('Profiler.enable')
        .then(() => post('Profiler.setSamplingInterval', { interval: 200 }))
        .then(() => post('Profiler.start'))
        .then(() => writeFileSync(`${out}.started`, String(Date.now())))
        .catch((e) => console.error('bench profiler:', e));
    } else if (want === 'stop' && state === 'running') {
      state = 'done';
      post('Profiler.stop')
        .then(({ profile }) => writeFileSync(out, JSON.stringify(profile)))
        .then(() => rmSync(ctl, { force: true }))
        .catch((e) => console.error('bench profiler:', e));
    }
  }, 50).unref();
}
