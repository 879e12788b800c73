// Pyodide from the npm package, served by the bench's own server: interpreter start-up, then 1+1.
// (Pyodide 0.28+ runs in module workers only.)
import { loadPyodide } from "/pyodide/pyodide.mjs";

loadPyodide({ indexURL: "/pyodide/" }).then(
  (pyodide) => self.postMessage(String(pyodide.runPython("1+1"))),
  (error) => self.postMessage(`error: ${error && error.message}`),
);
