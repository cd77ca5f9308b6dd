/**
 * The top functions by self time in a V8 CPU profile (`node --cpu-prof`, e.g. `BENCH_CPU_PROF=1 npm run bench`):
 *
 *   node --import tsx bench/profile-summary.ts [--by-owner] [file.cpuprofile] [count]
 *
 * --by-owner adds the self times up per npm package, per folder of ours and per Node internal module; --inclusive
 * counts each function's callees in its time (the share of samples with the function anywhere on the stack).
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
  children?: number[];
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

/**
 * Total time per function in microseconds: the samples whose stack holds it anywhere (each sample counted once per
 * function, however deep the recursion).
 */
function inclusiveTimes(profile: CpuProfile): Map<string, number> {
  const frames = new Map(profile.nodes.map((node) => [node.id, describe(node.callFrame)]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const times = new Map<string, number>();
  let timestamp = profile.startTime;
  const stamps = profile.timeDeltas.map((delta) => (timestamp += delta));
  profile.samples.forEach((nodeId, index) => {
    const duration = (stamps[index + 1] ?? profile.endTime) - stamps[index];
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
      const frame = frames.get(id) ?? `node ${id}`;
      if (!seen.has(frame)) times.set(frame, (times.get(frame) ?? 0) + duration);
      seen.add(frame);
    }
  });
  return times;
}

/** Where a frame's code lives: an npm package, a folder of ours, or Node's internals. */
function owner(frame: string): string {
  const location = frame.split('  ')[1];
  if (location === undefined) return frame.startsWith('(') ? frame : '(native)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(location);
  if (inPackage) return inPackage[1];
  if (location.startsWith('node:')) return 'node:' + location.slice(5).split('/')[0];
  return location.split('/').slice(0, 2).join('/');
}

const args = process.argv.slice(2);
const byOwner = args.includes('--by-owner');
const inclusive = args.includes('--inclusive');
const positional = args.filter((arg) => !arg.startsWith('--'));
const fileArgument = positional.find((arg) => !/^\d+$/.test(arg));
const countArgument = positional.find((arg) => /^\d+$/.test(arg));
const file = fileArgument ?? newestProfile();
const count = Number(countArgument ?? '20');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const functionTimes = inclusive ? inclusiveTimes(profile) : selfTimes(profile);
const times = byOwner ? new Map<string, number>() : functionTimes;
if (byOwner) {
  for (const [frame, time] of functionTimes) times.set(owner(frame), (times.get(owner(frame)) ?? 0) + time);
}
const self = inclusive ? selfTimes(profile) : functionTimes;
const total = [...self.values()].reduce((sum, time) => sum + time, 0);
const busy = total - (self.get('(idle)') ?? 0);

console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s not idle`);
console.log(`${inclusive ? 'total ms' : ' self ms'}  % busy  function`);
for (const [frame, time] of [...times.entries()].sort((a, b) => b[1] - a[1]).slice(0, count)) {
  const share = frame === '(idle)' || frame === '(root)' ? '' : ((time / busy) * 100).toFixed(1);
  console.log(`${(time / 1000).toFixed(0).padStart(9)}  ${share.padStart(6)}  ${frame}`);
}
