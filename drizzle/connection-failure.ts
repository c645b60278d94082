// Why a database could not be reached at start-up, in one line that names the cause and the fix.
// The drivers' errors arrive wrapped (drizzle's "Failed query: CREATE SCHEMA …" with the cause
// twenty lines down); the operator needs the cause.

/** The cause of a failed connection, or undefined for an error that is not about connecting. */
export function describeConnectionFailure(
  error: unknown,
  databaseUrl: string | undefined,
): string | undefined {
  const where = databaseUrl ? serverOf(databaseUrl) : undefined;
  for (
    let current = error, depth = 0;
    typeof current === 'object' && current !== null && depth < 5;
    depth++
  ) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    const line = where && typeof code === 'string' ? describeCode(code, text, where) : undefined;
    if (line) return `${line} (DATABASE_URL)`;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

interface Server {
  /** host:port, for the message. */
  address: string;
  database: string;
  user: string;
}

function describeCode(code: string, message: string, server: Server): string | undefined {
  const at = `PostgreSQL at ${server.address}`;
  switch (code) {
    case 'ECONNREFUSED':
      return `${at} refused the connection — is it running?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${at}: the host name does not resolve — check the host in the URL.`;
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${at} did not answer — check the host, the port and any firewall between.`;
    case '3D000':
      return `${at} has no database "${server.database}" — create it (createdb ${server.database}) or name another in the URL.`;
    case '28000':
      return `${at} does not let role "${server.user}" connect (${message}) — create the role or name another user in the URL.`;
    case '28P01':
      return `${at} refused the password of "${server.user}" — check the password in the URL.`;
    case '57P03':
      return `${at} is starting up or in recovery — try again in a moment.`;
    case '53300':
      return `${at} has no connection slot left (max_connections) — lower DATABASE_POOL_SIZE or raise it.`;
    default:
      return undefined;
  }
}

function serverOf(url: string): Server {
  const parsed = new URL(url);
  return {
    address: `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`,
    database:
      decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username) || 'postgres',
    user: decodeURIComponent(parsed.username) || process.env.USER || 'postgres',
  };
}
