/** Who an LMS user is here: a learner id of our own per platform and LMS user, and our role for theirs. */
import "server-only";
import { createHash } from "node:crypto";
import type { LtiRole } from "./store.server";

/**
 * The learner id of an LMS user. It is derived from the platform and the LMS's `sub`, never from
 * the email an LMS sends: a platform must not be able to sign in as a learner who signed up here.
 */
export function learnerIdOf(platformId: string, sub: string): string {
  return `lti-${createHash("sha256").update(`${platformId}\n${sub}`).digest("hex").slice(0, 20)}@${platformId}.lti.invalid`;
}

/** Instructor for the LIS roles that teach or administer (LTI 1.3 §A.2), learner otherwise. */
export function roleOf(roles: readonly string[]): LtiRole {
  const teaching = /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/(membership(#|\/Instructor#)(Instructor|Administrator|ContentDeveloper|TeachingAssistant|Grader)|institution\/person#(Administrator|Faculty|Instructor)|system\/person#(Administrator|SysAdmin))$/;
  return roles.some((role) => teaching.test(role) || role === "Instructor" || role === "Administrator") ? "instructor" : "learner";
}
