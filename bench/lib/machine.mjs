// What the figures were measured on: they mean little without it.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem, freemem, release } from "node:os";

function tryRun(command, args) {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

export function machineInfo() {
  const cores = cpus();
  const chromium = tryRun("/usr/lib/chromium/chromium", ["--version"]) ?? tryRun("/usr/bin/chromium", ["--version"]);
  return {
    cores: cores.length,
    cpuModel: cores[0]?.model ?? null,
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    freeMemoryGiB: Number((freemem() / 2 ** 30).toFixed(1)),
    loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
    kernel: release(),
    node: process.version,
    chromium: chromium?.split("\n").pop() ?? null,
  };
}

/** 1-minute load average now: recorded before and after each section, to show how noisy it was. */
export const load1 = () => Number(loadavg()[0].toFixed(2));

/** The whole machine's CPU time counters (Linux /proc/stat, in clock ticks), or null elsewhere. */
export function cpuTimes() {
  try {
    const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal = 0] = fields;
    return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal };
  } catch {
    return null;
  }
}

/**
 * The share of CPU time the host took for other virtual machines between two `cpuTimes()` readings
 * (steal), in percent. On a shared host this, not the load average, says when every figure of a run is
 * slower: the same page's tfjs floor took 165 ms in one hour and 300-400 ms in the next.
 */
export function stealPercent(before, after) {
  if (!before || !after) return null;
  const total = after.busy + after.idle + after.steal - (before.busy + before.idle + before.steal);
  return total > 0 ? Number((((after.steal - before.steal) / total) * 100).toFixed(1)) : null;
}
