import { builder } from '../builder.js';
import { User } from './user.js';

const AuthPayload = builder.objectRef<{ token: string; userId: number }>('AuthPayload').implement({
  description: 'A new session: send the token as `Authorization: Bearer <token>`.',
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Shown once; valid for 30 days or until logOut.' }),
    user: t.drizzleField({
      type: User,
      resolve: (query, payload, _args, ctx) =>
        ctx.db.query.users.findFirst(query({ where: { id: payload.userId } })).then((user) => user!),
    }),
  }),
});

builder.mutationFields((t) => ({
  signUp: t.field({
    type: AuthPayload,
    description:
      'Creates an account and signs it in. Usernames: 3 to 32 letters, digits, _ or -, starting with a letter or digit, unique regardless of case. Passwords: 8 to 256 characters.',
    args: { username: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_parent, args, ctx) => ctx.accounts.signUp(args.username, args.password),
  }),
  logIn: t.field({
    type: AuthPayload,
    description: 'Signs in. An unknown user and a wrong password get the same INVALID_CREDENTIALS error.',
    args: { username: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_parent, args, ctx) => ctx.accounts.logIn(args.username, args.password),
  }),
  logOut: t.boolean({
    description: 'Revokes the token this request was sent with.',
    authScopes: { signedIn: true },
    resolve: async (_parent, _args, ctx) => {
      await ctx.accounts.logOut(ctx.viewer!.tokenHash);
      return true;
    },
  }),
}));
