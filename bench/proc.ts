/**
 * What the benchmarks read about the workerd process from /proc (Linux only): in-Worker timers
 * cannot see compute (Workers freeze the clock during it), the kernel can.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second for utime/stime in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
export const CLOCK_TICKS = 100;

function stat(pid: number): { comm: string; ppid: number; utime: number; stime: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may contain spaces; the fields after it are space separated.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const f = text.slice(close + 2).split(' ');
    return { comm, ppid: Number(f[1]), utime: Number(f[11]), stime: Number(f[12]) };
  } catch {
    return null;
  }
}

/** The workerd processes started (directly or not) by `root`. */
export function workerdUnder(root: number): number[] {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (!s) continue;
    names.set(Number(name), s.comm);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(name)]);
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    for (const c of children.get(pid) ?? []) {
      if (names.get(c) === 'workerd') out.push(c);
      todo.push(c);
    }
  }
  return out;
}

export interface ProcSample {
  /** utime + stime over every thread, in clock ticks (10 ms steps). */
  ticks: number;
  /** CPU time over every thread from schedstat, in nanoseconds: the same time at 1 ns steps. */
  cpuNs: number;
  rssKb: number;
}

export function sample(pids: number[]): ProcSample {
  let ticks = 0;
  let cpuNs = 0;
  let rssKb = 0;
  for (const pid of pids) {
    const s = stat(pid);
    if (s) ticks += s.utime + s.stime;
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        cpuNs += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      }
    } catch {}
    try {
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      if (m) rssKb += Number(m[1]);
    } catch {}
  }
  return { ticks, cpuNs, rssKb };
}

/** Samples RSS every `everyMs` until stopped; returns the first, peak and last values. */
export function watchRss(pids: () => number[], everyMs = 100) {
  const first = sample(pids()).rssKb;
  let peak = first;
  let last = first;
  const timer = setInterval(() => {
    last = sample(pids()).rssKb;
    peak = Math.max(peak, last);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      last = sample(pids()).rssKb;
      return { firstKb: first, peakKb: Math.max(peak, last), lastKb: last };
    },
  };
}
