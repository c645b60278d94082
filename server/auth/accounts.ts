// Sign-up, log-in and log-out, behind the Accounts interface the schema calls through context.
import { deleteToken, findUserByUsername, insertToken, insertUser } from '../../drizzle/accounts.js';
import type { Db } from '../../drizzle/db.js';
import type { Accounts } from '../../schema/context.js';
import { ErrorCode, badInput, userError } from '../../schema/errors.js';
import { decoyHash, hashPassword, verifyPassword } from './password.js';
import type { TokenCache } from './token-cache.js';
import { TOKEN_LIFETIME_MS, hashToken, newToken } from './tokens.js';

export const USERNAME_RULES = '3 to 32 characters: letters, digits, _ and -, starting with a letter or digit';
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/;
export const PASSWORD_LENGTH = { min: 8, max: 256 } as const;

export function createAccounts(db: Db, tokens: Pick<TokenCache, 'forget'>): Accounts {
  const issueToken = async (userId: number) => {
    const token = newToken();
    await insertToken(db, hashToken(token), userId, new Date(Date.now() + TOKEN_LIFETIME_MS));
    return { token, userId };
  };

  return {
    async signUp(username, password) {
      if (!USERNAME.test(username)) throw badInput(`Username must be ${USERNAME_RULES}.`, 'username');
      if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
        throw badInput(
          `Password must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters.`,
          'password',
        );
      }
      const userId = await insertUser(db, username, await hashPassword(password));
      if (userId === null) {
        throw userError(ErrorCode.ALREADY_EXISTS, `The username "${username}" is taken.`, {
          argument: 'username',
        });
      }
      return issueToken(userId);
    },

    async logIn(username, password) {
      const user = password.length <= PASSWORD_LENGTH.max ? await findUserByUsername(db, username) : null;
      const ok = await verifyPassword(password, user?.passwordHash ?? decoyHash);
      // One answer for an unknown user and a wrong password: no probing for usernames.
      if (!user || !ok) throw userError(ErrorCode.INVALID_CREDENTIALS, 'Wrong username or password.');
      return issueToken(user.id);
    },

    async logOut(tokenHash) {
      await deleteToken(db, tokenHash);
      // Other instances hear of it through PostgreSQL; this one must not wait for that.
      tokens.forget(tokenHash);
    },
  };
}
