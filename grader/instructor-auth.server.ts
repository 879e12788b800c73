/** Whether the page being rendered was requested by an instructor (server components). */
import "server-only";
import { cookies, headers } from "next/headers";
import { INSTRUCTOR_COOKIE, isInstructor } from "./session.server";

export async function instructorPage(): Promise<boolean> {
  const [jar, list] = await Promise.all([cookies(), headers()]);
  return isInstructor({ authorization: list.get("authorization"), cookie: jar.get(INSTRUCTOR_COOKIE)?.value });
}
