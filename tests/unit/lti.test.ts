/**
 * LTI 1.3 against a test platform over HTTP (tests/shared/lti-platform.ts), on both stores:
 * registration, login and launch, every refusal the standard asks for, deep linking, a graded
 * submission's score received by the platform's AGS endpoint, and the roster read by NRPS.
 */
import { decodeJwt, generateKeyPair } from "jose";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { deepLinkingResponse, pickTicket } from "@/grader/lti/deep-linking.server";
import { toolKey } from "@/grader/lti/keys.server";
import { CLAIM, type Launch, LtiError, startLogin, verifyLaunch } from "@/grader/lti/launch.server";
import { passBack } from "@/grader/lti/passback.server";
import { newPlatform } from "@/grader/lti/registration.server";
import { syncRoster } from "@/grader/lti/services.server";
import { PostgresStore } from "@/grader/store-postgres.server";
import { SqliteStore } from "@/grader/store-sqlite.server";
import type { SubmissionsStore } from "@/grader/store.server";
import { ROLES, type LaunchSpec, TestPlatform } from "../shared/lti-platform";
import { freshDatabase } from "../setup/postgres";

const TOOL = "http://127.0.0.1:3116";
/** From this checkout's port range, this and the next (DESCENT_TEST_LTI_PORT to move them). */
const PORT = Number(process.env.DESCENT_TEST_LTI_PORT ?? 3461);

const dataDir = mkdtempSync(join(tmpdir(), "descent-lti-"));
const database = await freshDatabase(inject("postgresUrl"));
// Each backend has its platform on its own port: a platform is known by its URLs, and a new key at the same JWKS URL would be a key rotation.
const backends = [
  { name: "SQLite", port: PORT, open: async (): Promise<SubmissionsStore> => new SqliteStore(dataDir) },
  { name: "PostgreSQL", port: PORT + 1, open: (): Promise<SubmissionsStore> => PostgresStore.open(database.url) },
];

// Every line any test logs, to check that no token ever lands in a log.
const logged: string[] = [];
for (const method of ["log", "info", "warn", "error", "debug"] as const) {
  const original = console[method].bind(console);
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
    original(...args);
  });
}
const tokensSeen: string[] = [];

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await database.drop();
});

const learner = (over: Partial<LaunchSpec> = {}): LaunchSpec => ({ sub: "lms-user-7", name: "Ada Lovelace", email: "ada@school.example", roles: [ROLES.learner], targetLinkUri: `${TOOL}/lessons/maximum-likelihood`, ...over });

describe.each(backends)("LTI 1.3 on $name", (backend) => {
  let store: SubmissionsStore;
  let platform: TestPlatform;

  /** The LMS's login, our redirect to its auth endpoint, and the form it posts back: its id_token and state. */
  async function login(spec: LaunchSpec): Promise<{ id_token: string; state: string }> {
    const auth = await startLogin(store.lti, Object.fromEntries(platform.prepare(spec)), TOOL);
    expect(auth.origin).toBe(platform.origin);
    expect(auth.searchParams.get("redirect_uri")).toBe(`${TOOL}/api/lti/launch`);
    const page = await (await fetch(auth)).text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? "";
    const form = { id_token: field("id_token"), state: field("state") };
    tokensSeen.push(form.id_token);
    return form;
  }

  async function refused(form: { id_token?: string; state?: string }, message: RegExp) {
    const error = await verifyLaunch(store.lti, form, TOOL).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LtiError);
    expect((error as LtiError).message).toMatch(message);
    // What the refusal says is for a person: it never repeats the token.
    expect((error as LtiError).message).not.toContain(form.id_token ?? "never");
  }

  /** A login whose id_token is re-signed with other claims and options: the platform's own key unless `key`. */
  async function resigned(spec: LaunchSpec, change: (claims: Record<string, unknown>) => void, options: Parameters<TestPlatform["sign"]>[1] = {}) {
    const form = await login(spec);
    const claims = decodeJwt(form.id_token) as Record<string, unknown>;
    delete claims.iat;
    delete claims.exp;
    change(claims);
    return { ...form, id_token: await platform.sign(claims, options) };
  }

  beforeAll(async () => {
    store = await backend.open();
    platform = await TestPlatform.start(backend.port, async () => ({ keys: [(await toolKey(store.lti)).publicJwk] }));
  });
  afterAll(async () => {
    await platform.stop();
    await store.close();
  });

  it("registers a platform once: the same issuer and client id again is refused by name", async () => {
    await store.lti.addPlatform(newPlatform(platform.registration()));
    await expect(store.lti.addPlatform(newPlatform(platform.registration("Again")))).rejects.toThrow(/already registered/);
    expect((await store.lti.platforms()).map((p) => [p.name, p.issuer, p.deploymentIds])).toEqual([["Test LMS", platform.issuer, ["deployment-1"]]]);
  });

  it("generates our key pair once and every store on the database signs with it", async () => {
    const first = await toolKey(store.lti);
    const other = await backend.open();
    expect((await toolKey(other.lti)).kid).toBe(first.kid);
    expect(first.publicJwk).not.toHaveProperty("d");
    await other.close();
  });

  it("launches a learner into the lesson the link names, once", async () => {
    const form = await login(learner());
    const launch = await verifyLaunch(store.lti, form, TOOL);
    expect(launch).toMatchObject({ role: "learner", name: "Ada Lovelace", target: "/lessons/maximum-likelihood", context: { id: "course-42", title: "Gradient Descent 101" } });
    expect(launch.learnerEmail).not.toContain("ada@school.example");
    await refused(form, /state is unknown, used or expired/);
  });

  it("maps the LMS's instructor roles to ours", async () => {
    const launch = await verifyLaunch(store.lti, await login(learner({ sub: "teacher-1", roles: [ROLES.instructor] })), TOOL);
    expect(launch.role).toBe("instructor");
    const ta = await verifyLaunch(store.lti, await login(learner({ sub: "ta-1", roles: ["http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"] })), TOOL);
    expect(ta.role).toBe("instructor");
  });

  it("refuses a token signed with another key, and one whose claims were altered after signing", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    await refused(await resigned(learner(), () => undefined, { key: privateKey }), /not signed by Test LMS's keys/);
    const form = await login(learner());
    const [header, , signature] = form.id_token.split(".");
    const claims = { ...decodeJwt(form.id_token), sub: "someone-else" };
    await refused({ ...form, id_token: `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}` }, /not signed by/);
  });

  it("refuses a wrong audience, a wrong issuer, a foreign authorized party and an unregistered deployment", async () => {
    await refused(await resigned(learner(), (c) => (c.aud = "another-tool")), /meant for another tool/);
    await refused(await resigned(learner(), (c) => (c.iss = "https://evil.example")), /another issuer/);
    await refused(await resigned(learner(), (c) => ((c.aud = [platform.clientId, "other"]), (c.azp = "other"))), /authorized party/);
    await refused(await resigned(learner(), (c) => (c.aud = [platform.clientId, "other"])), /authorized party/);
    await refused(await resigned(learner(), (c) => (c[`${CLAIM}deployment_id`] = "deployment-9")), /Deployment deployment-9 is not among/);
  });

  it("refuses an expired token and one from a clock too far ahead, and accepts skew within 60 s", async () => {
    const now = Math.floor(Date.now() / 1000);
    await refused(await resigned(learner(), () => undefined, { issuedAt: now - 400, expiresIn: now - 120 }), /expired/);
    await refused(await resigned(learner(), () => undefined, { issuedAt: now + 300, expiresIn: now + 600 }), /time is off/);
    const slightlyLate = await resigned(learner(), () => undefined, { issuedAt: now - 200, expiresIn: now - 30 });
    expect((await verifyLaunch(store.lti, slightlyLate, TOOL)).role).toBe("learner");
  });

  it("refuses a replayed id_token: with its used state, and with a fresh login's state (the nonce is not that login's)", async () => {
    const first = await login(learner());
    await verifyLaunch(store.lti, first, TOOL);
    await refused(first, /state is unknown, used or expired/);
    const second = await login(learner());
    await refused({ id_token: first.id_token, state: second.state }, /nonce/);
    // The nonce table itself: a nonce counts once per platform.
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(await store.lti.useNonce("p-x", "n-1", later, new Date())).toBe(true);
    expect(await store.lti.useNonce("p-x", "n-1", later, new Date())).toBe(false);
  });

  it("refuses a login from an unregistered LMS, a target on another server, and a launch without state", async () => {
    await expect(startLogin(store.lti, { iss: "https://unknown.example", login_hint: "x", target_link_uri: `${TOOL}/` }, TOOL)).rejects.toThrow(/No platform with issuer https:\/\/unknown.example/);
    await expect(startLogin(store.lti, { iss: platform.issuer, login_hint: "x", target_link_uri: "https://evil.example/" }, TOOL)).rejects.toThrow(/not on this server/);
    await refused({ id_token: "x.y.z" }, /no id_token or no state/);
    await refused({ id_token: "x.y.z", state: "never-issued" }, /state is unknown/);
  });

  it("deep linking: an instructor picks an exercise and the platform receives a signed link with its line item", async () => {
    const launch = await verifyLaunch(store.lti, await login(learner({ sub: "teacher-1", roles: [ROLES.instructor], messageType: "LtiDeepLinkingRequest", targetLinkUri: `${TOOL}/api/lti/launch` })), TOOL);
    expect(launch.messageType).toBe("LtiDeepLinkingRequest");
    const ticket = await pickTicket(store.lti, launch);
    const answer = await deepLinkingResponse(store.lti, ticket, { kind: "exercise", id: "bernoulli-nll", title: "Coin flips", path: "/lessons/maximum-likelihood#exercise-bernoulli-nll", maxScore: 13 }, TOOL);
    expect(answer.returnUrl).toBe(`${platform.origin}/deep-link-return`);
    const reply = await fetch(answer.returnUrl, { method: "POST", body: new URLSearchParams({ JWT: answer.jwt }) });
    expect(await reply.text()).toContain("Added 1 item(s)");
    expect(platform.deepLinks.at(-1)).toEqual([
      expect.objectContaining({
        type: "ltiResourceLink",
        url: `${TOOL}/api/lti/launch`,
        custom: { descent_path: "/lessons/maximum-likelihood#exercise-bernoulli-nll", descent_exercise: "bernoulli-nll" },
        lineItem: expect.objectContaining({ scoreMaximum: 13, resourceId: "bernoulli-nll" }),
      }),
    ]);
    expect(decodeJwt(answer.jwt)["https://purl.imsglobal.org/spec/lti-dl/claim/data"]).toBe("opaque-platform-data");
    await expect(deepLinkingResponse(store.lti, `${ticket}x`, { kind: "lesson", id: "x", title: "x", path: "/" }, TOOL)).rejects.toThrow(/expired|altered/);
  });

  it("sends a graded submission's score to the platform's AGS endpoint, then the better one, to a line item per exercise", async () => {
    const launch = await verifyLaunch(store.lti, await login(learner({ sub: `grader-${backend.name}` })), TOOL);
    await saveLaunch(store, launch);
    const info = async () => ({ title: "Coin flips", maxScore: 13 });
    const graded = async (score: number) => {
      const { id } = await store.insertSubmission({ id: crypto.randomUUID(), learnerEmail: launch.learnerEmail, exerciseId: "bernoulli-nll", code: "…" });
      const [lease] = await store.startGrading([id], "test");
      await store.finishGrading([{ id, lease: lease!.lease, verdict: { score, maxScore: 13, results: [], graderVersion: "t" } }]);
      return id;
    };
    expect(await passBack(store, info, [await graded(5)])).toBe(1);
    const item = platform.lineItems.find((li) => li.resourceId === "bernoulli-nll");
    expect(item).toMatchObject({ label: "Coin flips", scoreMaximum: 13 });
    expect(platform.scores.at(-1)).toMatchObject({ lineitem: item!.id, userId: launch.sub, scoreGiven: 5, scoreMaximum: 13, gradingProgress: "FullyGraded" });
    await passBack(store, info, [await graded(11)]);
    await passBack(store, info, [await graded(2)]);
    expect(platform.scores.filter((s) => s.userId === launch.sub).map((s) => s.scoreGiven)).toEqual([5, 11, 11]);
    expect(platform.lineItems.filter((li) => li.resourceId === "bernoulli-nll")).toHaveLength(1);
    expect(platform.tokenRequests.some((t) => t.scope.includes("https://purl.imsglobal.org/spec/lti-ags/scope/score"))).toBe(true);
  });

  it("an exercise launched from an LMS assignment sends its score to that assignment's line item", async () => {
    const lineitem = `${platform.origin}/lineitems/77`;
    const launch = await verifyLaunch(store.lti, await login(learner({ sub: `assignment-${backend.name}`, lineitem, custom: { descent_exercise: "softmax", descent_path: "/lessons/output-units#exercise-softmax" } })), TOOL);
    expect(launch).toMatchObject({ target: "/lessons/output-units#exercise-softmax", exerciseId: "softmax" });
    await saveLaunch(store, launch);
    const { id } = await store.insertSubmission({ id: crypto.randomUUID(), learnerEmail: launch.learnerEmail, exerciseId: "softmax", code: "…" });
    const [lease] = await store.startGrading([id], "test");
    await store.finishGrading([{ id, lease: lease!.lease, verdict: { score: 4, maxScore: 4, results: [], graderVersion: "t" } }]);
    await passBack(store, async () => ({ title: "Softmax", maxScore: 4 }), [id]);
    expect(platform.scores.at(-1)).toMatchObject({ lineitem, userId: launch.sub, scoreGiven: 4 });
  });

  it("reads the course roster (NRPS) with names, emails and roles", async () => {
    platform.members = [
      { user_id: "lms-user-7", name: "Ada Lovelace", email: "ada@school.example", roles: [ROLES.learner], status: "Active" },
      { user_id: "u-2", name: "Alan Turing", roles: [ROLES.learner] },
      { user_id: "teacher-1", name: "Grace Hopper", roles: [ROLES.instructor] },
      { user_id: "u-gone", name: "Dropped Out", roles: [ROLES.learner], status: "Inactive" },
    ];
    const [context] = (await store.lti.contexts()).filter((c) => c.contextId === platform.contextId);
    const p = (await store.lti.platform(context!.platformId))!;
    await syncRoster(store.lti, p, { contextId: context!.contextId, membershipsUrl: context!.membershipsUrl! });
    const members = await store.lti.members(p.id, context!.contextId);
    expect(members.map((m) => [m.name, m.role, m.lmsEmail])).toEqual(
      expect.arrayContaining([
        ["Ada Lovelace", "learner", "ada@school.example"],
        ["Alan Turing", "learner", null],
        ["Grace Hopper", "instructor", null],
      ]),
    );
    expect(members.find((m) => m.name === "Dropped Out")).toBeUndefined();
    expect(members.find((m) => m.name === "Ada Lovelace")?.launchedAt).not.toBeNull();
    expect(members.find((m) => m.name === "Alan Turing")?.launchedAt).toBeNull();
  });

  it("never logs a token", () => {
    expect(tokensSeen.length).toBeGreaterThan(5);
    for (const token of tokensSeen) for (const line of logged) expect(line).not.toContain(token.split(".")[2]);
  });
});

/** What the launch route stores (app/api/lti/launch/route.ts). */
async function saveLaunch(store: SubmissionsStore, launch: Launch) {
  await store.upsertLearner(launch.learnerEmail, launch.name);
  await store.lti.saveContext({ platformId: launch.platform.id, contextId: launch.context!.id, title: launch.context!.title, lineitemsUrl: launch.ags?.lineitems ?? null, membershipsUrl: launch.membershipsUrl ?? null });
  await store.lti.saveMembers([{ platformId: launch.platform.id, contextId: launch.context!.id, sub: launch.sub, learnerEmail: launch.learnerEmail, name: launch.name, lmsEmail: launch.lmsEmail, role: launch.role, launchedAt: new Date().toISOString() }]);
  if (launch.exerciseId && launch.ags?.lineitem) await lti(store).setLineItem(launch.platform.id, launch.context!.id, launch.exerciseId, launch.ags.lineitem);
}
const lti = (store: SubmissionsStore) => store.lti;
