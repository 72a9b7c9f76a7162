// The cache of looked-up sessions (server/auth.ts SessionCache): how long it trusts a session,
// how it forgets, and that it stays bounded.
import { describe, expect, it } from 'vitest';
import { SessionCache, type SessionUser } from '../../server/auth.js';

const user = (name: string): SessionUser => ({
  username: name,
  role: 'viewer',
  csrf: 'c',
  mustChangePassword: false,
  sessionId: name,
});

describe('SessionCache', () => {
  it('trusts a session for ttlMs, then asks again', () => {
    const cache = new SessionCache(2000);
    cache.set('a', user('a'), 1000);
    expect(cache.get('a', 2999)?.username).toBe('a');
    expect(cache.get('a', 3000)).toBeUndefined();
    expect(cache.get('a', 2999)).toBeUndefined(); // an expired entry is dropped, not revived
  });

  it('forgets one session, or all', () => {
    const cache = new SessionCache(2000);
    cache.set('a', user('a'), 0);
    cache.set('b', user('b'), 0);
    cache.forget('a');
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)?.username).toBe('b');
    cache.clear();
    expect(cache.get('b', 1)).toBeUndefined();
  });

  it('holds at most max sessions, dropping the oldest', () => {
    const cache = new SessionCache(2000, 3);
    for (const id of ['a', 'b', 'c', 'd']) cache.set(id, user(id), 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(['b', 'c', 'd'].map((id) => cache.get(id, 1)?.username)).toEqual(['b', 'c', 'd']);
  });

  it('0 turns it off', () => {
    const cache = new SessionCache(0);
    cache.set('a', user('a'), 0);
    expect(cache.get('a', 0)).toBeUndefined();
  });
});
