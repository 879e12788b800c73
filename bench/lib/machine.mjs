// What the figures were measured on: they mean little without it.
import { execFileSync } from "node:child_process";
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
