// `npm start` with a bad setting: one line naming the cause and the fix, exit code 1, and a port in
// use found before the database is touched. The real entry point, in a child process.
import { createServer } from 'node:net';
import { describe, it } from '@jest/globals';
import { withDatabase } from '../drizzle/db.js';
import { closedPort, expectOneLine, runMain as start } from './support/main-process.js';

describe('start-up failures', () => {
  it('a refused connection, a URL without a scheme: one line with the cause and the fix, exit 1', async () => {
    const port = await closedPort();
    const [refused, noScheme] = await Promise.all([
      start({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/papergraph` }),
      start({ DATABASE_URL: 'localhost:5432/papergraph' }),
    ]);
    expectOneLine(
      refused,
      new RegExp(
        `^PaperGraph could not start: PostgreSQL at 127\\.0\\.0\\.1:${port} refused the connection — is it running\\? \\(DATABASE_URL\\)$`,
      ),
    );
    expectOneLine(
      noScheme,
      /DATABASE_URL must be a URL such as postgres:\/\/.*; got "localhost:5432\/papergraph"\.$/,
    );
  }, 30_000);

  it('a port in use is reported before the database is touched', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      // The database URL points nowhere: had it been tried first, the message would be about it.
      const outcome = await start({
        PORT: String(port),
        DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/x`,
      });
      expectOneLine(outcome, new RegExp(`^PaperGraph could not start: Port ${port} is in use — set PORT`));
    } finally {
      taken.close();
    }
  }, 30_000);

  const onPostgres = process.env.DATABASE_URL ? it : it.skip;
  onPostgres(
    'a missing database and an unknown role are named',
    async () => {
      const url = process.env.DATABASE_URL!;
      const noRole = new URL(url);
      noRole.username = 'no_such_role';
      const [missing, role] = await Promise.all([
        start({ DATABASE_URL: withDatabase(url, 'no_such_database') }),
        start({ DATABASE_URL: noRole.toString() }),
      ]);
      expectOneLine(missing, /has no database "no_such_database" — create it \(createdb no_such_database\)/);
      expectOneLine(role, /does not let role "no_such_role" connect/);
    },
    30_000,
  );
});
