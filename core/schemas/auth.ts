// Accounts' roles (server/auth.ts checks them; the client shows what a role may do).
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

/** Roles, weakest first: each can do what the ones before it can. */
export const ROLES = ['viewer', 'planner', 'editor', 'admin'] as const;
export const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
export type Role = (typeof ROLES)[number];

/** An account as GET /api/users lists it; times are epoch milliseconds. */
export const Account = Type.Object({
  username: Type.String(),
  role: Role,
  disabled: Type.Boolean(),
  createdAt: Nullable(Type.Number()),
  lastLoginAt: Nullable(Type.Number()),
  mustChangePassword: Type.Boolean(),
  lockedUntil: Nullable(Type.Number()),
  sessions: Type.Integer(),
});
export type Account = Static<typeof Account>;
