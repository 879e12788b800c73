/**
 * A real PostgreSQL server for the tests: `DESCENT_TEST_DATABASE_URL` when set, otherwise a
 * throwaway cluster started here from Debian's binaries (installed by ensure-postgres.sh when
 * missing), on loopback, with its data in a temporary folder, stopped and deleted afterwards.
 * initdb refuses to run as root, so the cluster runs as the `postgres` user (runuser).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** Ports this checkout may use for its clusters (the first free one is taken). */
const PORTS = (process.env.DESCENT_TEST_PG_PORTS ?? "54312-54319").split("-").map(Number) as [number, number];

export interface Cluster {
  /** A URL of the cluster's `postgres` database, for creating test databases. */
  url: string;
  port: number;
  /** The folder of its unix socket (reachable from any network namespace on this machine). */
  socketDir: string;
  stop(): void;
}

export function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const find = () => (existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a))[0] : undefined);
  if (!find()) execFileSync("bash", [join(process.cwd(), "tests", "setup", "ensure-postgres.sh")], { stdio: "inherit" });
  const version = find();
  if (!version) throw new Error("no PostgreSQL binaries under /usr/lib/postgresql after tests/setup/ensure-postgres.sh");
  return join(root, version, "bin");
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let port = PORTS[0]; port <= PORTS[1]; port++) if (await portFree(port)) return port;
  throw new Error(`no free port for PostgreSQL in ${PORTS.join("-")} (set DESCENT_TEST_PG_PORTS)`);
}

/**
 * Starts a cluster. `listen` lists the TCP addresses (default loopback only); `wrap` prefixes the
 * server's command (`["ip", "netns", "exec", ns]` to start it inside a network namespace).
 */
export async function startCluster(options: { listen?: string[]; trustNetworks?: string[]; wrap?: string[]; port?: number } = {}): Promise<Cluster> {
  const bin = postgresBin();
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), "descent-pg-"));
  const data = join(dir, "data");
  const socketDir = join(dir, "socket");
  mkdirSync(socketDir);
  chmodSync(dir, 0o755);
  const asPostgres = (command: string, args: string[], wrap: string[] = []) =>
    execFileSync(wrap[0] ?? "runuser", [...wrap.slice(1), ...(wrap.length ? ["runuser"] : []), "-u", "postgres", "--", join(bin, command), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    execFileSync("chown", ["-R", "postgres:postgres", dir]);
    asPostgres("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
    if (options.trustNetworks?.length) {
      writeFileSync(join(data, "pg_hba.conf"), options.trustNetworks.map((net) => `host all all ${net} trust\n`).join(""), { flag: "a" });
    }
    const settings = [
      `-p ${port}`,
      `-k ${socketDir}`,
      `-c listen_addresses=${(options.listen ?? ["127.0.0.1"]).join(",")}`,
      // A throwaway cluster: durability is not what these tests measure.
      "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
      "-c max_connections=200",
    ].join(" ");
    asPostgres("pg_ctl", ["-D", data, "-o", settings, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"], options.wrap);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`could not start a PostgreSQL cluster on port ${port}: ${(error as Error).message}\n${stderr}`);
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    socketDir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A new, empty database on the server of `serverUrl`; `drop()` removes it. */
export async function freshDatabase(serverUrl: string, prefix = "descent_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
