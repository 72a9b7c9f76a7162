// Accounts (admins only): list, create, change and delete.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { cypher, type Db } from '../db.js';
import { Account, ErrorBody, Role } from '../../core/schemas.js';
import { AuthError, checkPassword, createUser, hashPassword, oneTimePassword } from '../auth.js';

export async function accountRoutes(root: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const UsernameParam = Type.String({ pattern: '^[A-Za-z0-9._@-]{1,100}$' });
  app.get(
    '/api/users',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Accounts (admins only)',
        response: {
          200: Type.Object({ users: Type.Array(Account) }),
        },
      },
    },
    async () => ({
      users: (await db.read(cypher('auth-users'), { now: Date.now() })).map((u) => ({
        ...u,
        createdAt: u.createdAt === null ? null : Number(u.createdAt),
        lastLoginAt: u.lastLoginAt === null ? null : Number(u.lastLoginAt),
        lockedUntil: u.lockedUntil === null ? null : Number(u.lockedUntil),
        sessions: Number(u.sessions),
      })) as never,
    }),
  );

  app.post(
    '/api/users',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Creates an account (admins only); without a password, a one-time password is returned once',
        body: Type.Object({
          username: UsernameParam,
          role: Role,
          password: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: {
          201: Type.Object({
            username: Type.String(),
            role: Type.String(),
            oneTimePassword: Type.Union([Type.String(), Type.Null()]),
          }),
          400: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const generated = request.body.password ? null : oneTimePassword();
      await createUser(db, {
        username: request.body.username,
        role: request.body.role,
        password: request.body.password ?? generated!,
        mustChange: generated !== null,
      });
      return reply
        .code(201)
        .send({ username: request.body.username, role: request.body.role, oneTimePassword: generated });
    },
  );

  app.put(
    '/api/users/:username',
    {
      config: { role: 'admin' },
      schema: {
        summary:
          "Changes an account's role, password or enabled state (admins only); a new password or disabling ends its sessions",
        params: Type.Object({ username: UsernameParam }),
        body: Type.Object({
          role: Type.Optional(Role),
          password: Type.Optional(Type.String({ maxLength: 1000 })),
          disabled: Type.Optional(Type.Boolean()),
        }),
        response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { role, password, disabled } = request.body;
      if (
        request.params.username === request.user!.username &&
        ((role !== undefined && role !== 'admin') || disabled === true)
      ) {
        throw new AuthError(400, 'bad_request', 'an admin cannot demote or disable their own account');
      }
      if (password !== undefined) checkPassword(password, request.params.username);
      const [row] = await db.write(cypher('auth-update-user'), {
        username: request.params.username,
        role: role ?? null,
        passwordHash: password === undefined ? null : await hashPassword(password),
        mustChange: password !== undefined,
        disabled: disabled ?? null,
        keep: '',
      });
      if (!row) throw new AuthError(404, 'not_found', `no account ${request.params.username}`);
      // A role, a password or a disabled account changes what its sessions may do, or ends them.
      root.sessionCache.clear();
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/users/:username',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Deletes an account (admins only)',
        params: Type.Object({ username: UsernameParam }),
        response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      if (request.params.username === request.user!.username)
        throw new AuthError(400, 'bad_request', 'an admin cannot delete their own account');
      const [row] = await db.write(cypher('auth-delete-user'), { username: request.params.username });
      if (!row || Number(row.deleted) === 0)
        throw new AuthError(404, 'not_found', `no account ${request.params.username}`);
      root.sessionCache.clear();
      return reply.code(204).send(null);
    },
  );
}
