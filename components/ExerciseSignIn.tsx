"use client";

import { type FormEvent, useState } from "react";
import { type Learner, learnerMemory, storedSchemas } from "./exercise-store";

/** Name and email, sent to POST /api/session, which sets the session cookie. */
export function ExerciseSignIn({ onSignedIn }: { onSignedIn: (learner: Learner) => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);

  const signIn = async (event: FormEvent) => {
    event.preventDefault();
    const response = await fetch("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, email }),
    }).catch(() => undefined);
    if (!response?.ok) {
      const { apiErrorSchema } = await storedSchemas();
      const body = apiErrorSchema.safeParse(await response?.json().catch(() => undefined)).data;
      setError(body?.error ?? "Could not sign in: is the server reachable?");
      return;
    }
    const learner = { name, email: email.trim().toLowerCase() };
    learnerMemory.save(learner);
    onSignedIn(learner);
  };

  return (
    <form className="exercise-signin" aria-label="Sign in to submit" onSubmit={(event) => void signIn(event)}>
      <span>Sign in to submit:</span>
      <input aria-label="Name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} required />
      <input aria-label="Email" type="email" placeholder="Email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      <button type="submit">Sign in and submit</button>
      {error ? <span className="exercise-error" role="alert">{error}</span> : null}
    </form>
  );
}
