import { randomBytes } from 'node:crypto';
import type { App } from '../../server/yoga.js';
import { graphql } from './graphql.js';

export const PASSWORD = 'correct horse battery staple';

/** A fresh account; returns its bearer token and username. */
export async function signUp(app: App, username = `user_${randomBytes(4).toString('hex')}`) {
  const result = await graphql(
    app,
    'mutation($u: String!, $p: String!) { signUp(username: $u, password: $p) { token user { id } } }',
    {
      u: username,
      p: PASSWORD,
    },
  );
  if (result.errors) throw new Error(`signUp failed: ${JSON.stringify(result.errors)}`);
  return { token: result.data.signUp.token as string, id: result.data.signUp.user.id as string, username };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
