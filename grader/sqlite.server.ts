/** What the SQLite stores (submissions and LTI) share about their better-sqlite3 connection. */
import "server-only";
import type Database from "better-sqlite3";

/**
 * better-sqlite3's `prepare`, memoized by the SQL text: every query the stores run is a constant
 * string, and preparing one costs more than running it (a prepare per call was about 0.15 ms of the
 * web process's CPU per graded submission, --cpu-prof at c32). No caller changes a statement's
 * mode (pluck, raw, expand) or iterates one, so a shared statement is never busy or altered.
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
