// Accounts' roles (server/auth.ts checks them; the client shows what a role may do).
import { Type } from '@sinclair/typebox';

/** Roles, weakest first: each can do what the ones before it can. */
export const ROLES = ['viewer', 'planner', 'editor', 'admin'] as const;
export const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
export type Role = (typeof ROLES)[number];
