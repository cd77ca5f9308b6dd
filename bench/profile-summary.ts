/**
 * The top functions by self time in a V8 CPU profile (`node --cpu-prof`, e.g. `BENCH_CPU_PROF=1 npm run bench`):
 *
 *   node --import tsx bench/profile-summary.ts [file.cpuprofile] [count]
 *
 * Without a file, the newest profile in bench/profiles/ is read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const PROFILE_DIR = 'bench/profiles';

function newestProfile(): string {
  const files = readdirSync(PROFILE_DIR)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(PROFILE_DIR, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files[0] === undefined) throw new Error(`no .cpuprofile in ${PROFILE_DIR}`);
  return files[0];
}

function describe({ functionName, url, lineNumber }: CallFrame): string {
  const name = functionName === '' ? '(anonymous)' : functionName;
  if (url === '') return name;
  const file = url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
  return `${name}  ${file}:${lineNumber + 1}`;
}

/** Self time per function in microseconds: each sample lasts until the next one (the last until endTime). */
function selfTimes(profile: CpuProfile): Map<string, number> {
  const frames = new Map(profile.nodes.map((node) => [node.id, describe(node.callFrame)]));
  const times = new Map<string, number>();
  let timestamp = profile.startTime;
  const stamps = profile.timeDeltas.map((delta) => (timestamp += delta));
  profile.samples.forEach((nodeId, index) => {
    const duration = (stamps[index + 1] ?? profile.endTime) - stamps[index];
    const frame = frames.get(nodeId) ?? `node ${nodeId}`;
    times.set(frame, (times.get(frame) ?? 0) + duration);
  });
  return times;
}

const file = process.argv[2] ?? newestProfile();
const count = Number(process.argv[3] ?? '20');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const times = selfTimes(profile);
const total = [...times.values()].reduce((sum, time) => sum + time, 0);
const busy = total - (times.get('(idle)') ?? 0);

console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s not idle`);
console.log('  self ms  % busy  function');
for (const [frame, time] of [...times.entries()].sort((a, b) => b[1] - a[1]).slice(0, count)) {
  const share = frame === '(idle)' ? '' : ((time / busy) * 100).toFixed(1);
  console.log(`${(time / 1000).toFixed(0).padStart(9)}  ${share.padStart(6)}  ${frame}`);
}
