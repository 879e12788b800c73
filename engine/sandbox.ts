/**
 * The walls around cell code in the browser worker. The worker's own CSP (sent with its script)
 * already blocks loading code or connecting anywhere else; this removes the APIs a cell could use to
 * reach the network, the origin's storage, other workers or the page's message channel, so that each
 * attempt fails with an error that says why instead of a vague browser message.
 */

/** Globals cells may not use, and what to say when they try. */
export const BLOCKED_GLOBALS: Record<string, string> = {
  fetch: "cells run offline: load data from arrays or tensors instead",
  XMLHttpRequest: "cells run offline: load data from arrays or tensors instead",
  WebSocket: "cells run offline",
  WebTransport: "cells run offline",
  EventSource: "cells run offline",
  importScripts: "cells cannot load scripts: tf, plot and display are already available",
  Worker: "cells cannot start workers",
  SharedWorker: "cells cannot start workers",
  BroadcastChannel: "cells cannot message other pages or workers",
  MessageChannel: "cells cannot open message channels",
  indexedDB: "cells cannot use the site's storage",
  caches: "cells cannot use the site's storage",
  cookieStore: "cells cannot read cookies",
  postMessage: "cells cannot post messages to the page: use console.log or display",
  close: "cells cannot close the kernel: use Restart kernel",
};

/** Blocked globals that are objects, not functions: reading them is what fails. */
const BLOCKED_OBJECTS = new Set(["indexedDB", "caches", "cookieStore"]);

/** Navigator properties that reach origin-wide state. */
const BLOCKED_NAVIGATOR = ["storage", "locks", "serviceWorker", "sendBeacon", "usb", "serial", "hid"];

export class SandboxError extends Error {
  constructor(api: string, reason: string) {
    super(`${api} is not available in Descent cells: ${reason}.`);
    this.name = "SandboxError";
  }
}

function blocked(api: string, reason: string) {
  return function unavailable(): never {
    throw new SandboxError(api, reason);
  };
}

/** Removes an own property from every object on a prototype chain. */
function removeEverywhere(start: object, name: string) {
  for (let target: object | null = start; target !== null; target = Object.getPrototypeOf(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (descriptor?.configurable) delete (target as Record<string, unknown>)[name];
  }
}

/** Applies the walls to a worker's global scope. Call it after the kernel captured what it needs. */
export function lockDown(scope: typeof globalThis) {
  for (const [name, reason] of Object.entries(BLOCKED_GLOBALS)) {
    removeEverywhere(scope, name);
    const stub = blocked(name, reason);
    Object.defineProperty(
      scope,
      name,
      BLOCKED_OBJECTS.has(name)
        ? { get: stub, configurable: false, enumerable: false }
        : { value: stub, writable: false, configurable: false, enumerable: false },
    );
  }
  const navigator = (scope as { navigator?: object }).navigator;
  if (navigator) {
    for (const name of BLOCKED_NAVIGATOR) removeEverywhere(navigator, name);
  }
}
