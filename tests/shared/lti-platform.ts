/**
 * A learning platform (an LMS) for the tests, speaking LTI 1.3 to Descent over HTTP: its own RS256
 * key pair and JWKS, an OIDC auth endpoint that answers a login with a signed id_token (form_post),
 * an OAuth2 token endpoint that checks our client assertion against Descent's JWKS, AGS line items
 * and scores, an NRPS roster, a deep-linking return endpoint, and a course page that embeds Descent
 * in an iframe, as Canvas and Moodle do.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createLocalJWKSet, exportJWK, generateKeyPair, type JSONWebKeySet, type JWK, jwtVerify, SignJWT } from "jose";

export const ROLES = {
  learner: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
  instructor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
};

export interface LaunchSpec {
  sub: string;
  name: string;
  email?: string;
  roles: string[];
  messageType?: "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
  targetLinkUri: string;
  custom?: Record<string, string>;
  /** The line item of this resource link, as Canvas sends for an assignment. */
  lineitem?: string;
}

export interface ReceivedScore {
  lineitem: string;
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  gradingProgress: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export class TestPlatform {
  readonly deploymentId = "deployment-1";
  readonly scores: ReceivedScore[] = [];
  readonly lineItems: { id: string; label: string; scoreMaximum: number; resourceId?: string }[] = [];
  readonly deepLinks: unknown[][] = [];
  readonly tokenRequests: { scope: string }[] = [];
  members: { user_id: string; name: string; email?: string; roles: string[]; status?: string }[] = [];
  /** Claims to add to (or, with undefined, remove from) every id_token: how the tests forge. */
  tamper: Record<string, unknown> = {};
  private readonly launches = new Map<string, LaunchSpec>();
  private readonly accessTokens = new Set<string>();
  private server!: Server;
  private key!: { kid: string; privateKey: CryptoKey; jwk: JWK };

  private constructor(
    readonly port: number,
    private readonly toolKeys: () => Promise<JSONWebKeySet>,
    readonly clientId: string,
    readonly host: string,
    readonly contextId: string,
    readonly contextTitle: string,
  ) {}

  get origin() {
    return `http://${this.host}:${this.port}`;
  }
  get issuer() {
    return `${this.origin}/lms`;
  }

  /** `toolKeys`: Descent's public keys (its /api/lti/jwks), to check what it signs. */
  static async start(port: number, toolKeys: () => Promise<JSONWebKeySet>, options: { clientId?: string; host?: "localhost" | "127.0.0.1"; course?: { id: string; title: string } } = {},
  ): Promise<TestPlatform> {
    const course = options.course ?? { id: "course-42", title: "Gradient Descent 101" };
    const platform = new TestPlatform(port, toolKeys, options.clientId ?? "descent-client-1", options.host ?? "localhost", course.id, course.title);
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const kid = randomUUID();
    platform.key = { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
    platform.server = createServer((request, response) => {
      platform.handle(request).then(
        ({ status, type, text, headers }) => {
          response.writeHead(status, { "content-type": type, ...headers });
          response.end(text);
        },
        (error: unknown) => {
          response.writeHead(500, { "content-type": "text/plain" });
          response.end(String(error));
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      platform.server.once("error", reject);
      platform.server.listen(port, "127.0.0.1", resolve);
    });
    return platform;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** What an instructor types into Descent's registration form. */
  registration(name = "Test LMS") {
    return {
      name,
      issuer: this.issuer,
      clientId: this.clientId,
      deploymentIds: [this.deploymentId],
      authUrl: `${this.origin}/auth`,
      tokenUrl: `${this.origin}/token`,
      // Its own JWKS URL per client id: a tool caches a platform's keys by URL.
      jwksUrl: `${this.origin}/jwks?client=${encodeURIComponent(this.clientId)}`,
    };
  }

  /** Prepares a launch; returns the query of the login the LMS would start it with. */
  prepare(spec: LaunchSpec): URLSearchParams {
    const hint = randomUUID();
    this.launches.set(hint, spec);
    return new URLSearchParams({ iss: this.issuer, login_hint: spec.sub, target_link_uri: spec.targetLinkUri, lti_message_hint: hint, client_id: this.clientId, lti_deployment_id: this.deploymentId });
  }

  /** The course page: Descent in an iframe, started by a login as the LMS does. */
  coursePageUrl(toolLoginUrl: string, spec: LaunchSpec): string {
    return `${this.origin}/course?${new URLSearchParams({ tool: `${toolLoginUrl}?${this.prepare(spec)}` })}`;
  }

  /** Signs claims with this platform's key (or with `key`, to forge). */
  async sign(claims: Record<string, unknown>, options: { key?: CryptoKey; kid?: string; expiresIn?: string | number; issuedAt?: number } = {}): Promise<string> {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: options.kid ?? this.key.kid, typ: "JWT" });
    jwt.setIssuedAt(options.issuedAt);
    jwt.setExpirationTime(options.expiresIn ?? "5m");
    return jwt.sign(options.key ?? this.key.privateKey);
  }

  /** The id_token's claims for a launch (before `tamper`). */
  claims(spec: LaunchSpec, nonce: string): Record<string, unknown> {
    const lti = "https://purl.imsglobal.org/spec/lti/claim/";
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      aud: this.clientId,
      sub: spec.sub,
      nonce,
      name: spec.name,
      ...(spec.email ? { email: spec.email } : {}),
      [`${lti}message_type`]: spec.messageType ?? "LtiResourceLinkRequest",
      [`${lti}version`]: "1.3.0",
      [`${lti}deployment_id`]: this.deploymentId,
      [`${lti}target_link_uri`]: spec.targetLinkUri,
      [`${lti}roles`]: spec.roles,
      [`${lti}context`]: { id: this.contextId, title: this.contextTitle, label: "GD101" },
      [`${lti}resource_link`]: { id: randomUUID() },
      ...(spec.custom ? { [`${lti}custom`]: spec.custom } : {}),
      "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
        scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem", "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
        lineitems: `${this.origin}/lineitems`,
        ...(spec.lineitem ? { lineitem: spec.lineitem } : {}),
      },
      "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": { context_memberships_url: `${this.origin}/memberships`, service_versions: ["2.0"] },
    };
    if (spec.messageType === "LtiDeepLinkingRequest") {
      claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
        deep_link_return_url: `${this.origin}/deep-link-return`,
        accept_types: ["ltiResourceLink"],
        accept_presentation_document_targets: ["iframe", "window"],
        data: "opaque-platform-data",
      };
    }
    for (const [name, value] of Object.entries(this.tamper)) {
      if (value === undefined) delete claims[name];
      else claims[name] = value;
    }
    return claims;
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; type: string; text: string; headers?: Record<string, string> }> {
    const url = new URL(request.url ?? "/", this.origin);
    const json = (value: unknown, status = 200, type = "application/json") => ({ status, type, text: JSON.stringify(value) });
    const html = (text: string) => ({ status: 200, type: "text/html; charset=utf-8", text: `<!doctype html><html><body>${text}</body></html>` });
    const authorized = () => this.accessTokens.has((request.headers.authorization ?? "").replace(/^Bearer /, ""));

    if (url.pathname === "/jwks") return json({ keys: [this.key.jwk] });
    if (url.pathname === "/course") {
      return html(`<h1>${escape(this.contextTitle)}</h1><iframe title="Descent" src="${escape(url.searchParams.get("tool") ?? "")}" style="width:1200px;height:900px" allow="clipboard-write"></iframe>`);
    }
    if (url.pathname === "/auth") {
      const q = url.searchParams;
      const spec = this.launches.get(q.get("lti_message_hint") ?? "");
      if (q.get("client_id") !== this.clientId || q.get("response_type") !== "id_token" || q.get("response_mode") !== "form_post" || q.get("scope") !== "openid" || !spec || spec.sub !== q.get("login_hint")) {
        return { status: 400, type: "text/plain", text: "bad authentication request" };
      }
      const idToken = await this.sign(this.claims(spec, q.get("nonce") ?? ""));
      return html(
        `<form id="f" method="post" action="${escape(q.get("redirect_uri") ?? "")}"><input type="hidden" name="id_token" value="${escape(idToken)}"><input type="hidden" name="state" value="${escape(q.get("state") ?? "")}"></form><script>document.getElementById("f").submit()</script>`,
      );
    }
    if (url.pathname === "/token" && request.method === "POST") {
      const form = new URLSearchParams(await body(request));
      try {
        await jwtVerify(form.get("client_assertion") ?? "", createLocalJWKSet(await this.toolKeys()), { issuer: this.clientId, subject: this.clientId, audience: `${this.origin}/token` });
      } catch {
        return json({ error: "invalid_client" }, 401);
      }
      if (form.get("grant_type") !== "client_credentials") return json({ error: "unsupported_grant_type" }, 400);
      const token = randomUUID();
      this.accessTokens.add(token);
      this.tokenRequests.push({ scope: form.get("scope") ?? "" });
      return json({ access_token: token, token_type: "Bearer", expires_in: 3600, scope: form.get("scope") });
    }
    if (url.pathname === "/lineitems") {
      if (!authorized()) return json({ error: "unauthorized" }, 401);
      if (request.method === "POST") {
        const item = JSON.parse(await body(request)) as { label: string; scoreMaximum: number; resourceId?: string };
        const created = { ...item, id: `${this.origin}/lineitems/${this.lineItems.length + 1}` };
        this.lineItems.push(created);
        return json(created, 201, "application/vnd.ims.lis.v2.lineitem+json");
      }
      const resourceId = url.searchParams.get("resource_id");
      return json(this.lineItems.filter((item) => !resourceId || item.resourceId === resourceId), 200, "application/vnd.ims.lis.v2.lineitemcontainer+json");
    }
    const scores = /^\/lineitems\/(\d+)\/scores$/.exec(url.pathname);
    if (scores && request.method === "POST") {
      if (!authorized()) return json({ error: "unauthorized" }, 401);
      const score = JSON.parse(await body(request)) as ReceivedScore;
      this.scores.push({ ...score, lineitem: `${this.origin}/lineitems/${scores[1]}` });
      return { status: 204, type: "text/plain", text: "" };
    }
    if (url.pathname === "/memberships") {
      if (!authorized()) return json({ error: "unauthorized" }, 401);
      return json({ id: url.toString(), context: { id: this.contextId, title: this.contextTitle }, members: this.members }, 200, "application/vnd.ims.lti-nrps.v2.membershipcontainer+json");
    }
    if (url.pathname === "/deep-link-return" && request.method === "POST") {
      const form = new URLSearchParams(await body(request));
      const { payload } = await jwtVerify(form.get("JWT") ?? "", createLocalJWKSet(await this.toolKeys()), { issuer: this.clientId, audience: this.issuer });
      const items = payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as unknown[];
      this.deepLinks.push(items);
      return html(`<p role="status">Added ${items.length} item(s) to ${escape(this.contextTitle)}</p>`);
    }
    return { status: 404, type: "text/plain", text: "not found" };
  }
}
