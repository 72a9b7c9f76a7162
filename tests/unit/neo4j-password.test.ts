import { describe, expect, it } from 'vitest';
import { newNeo4jPassword } from '../../scripts/neo4j.js';

describe('the embedded Neo4j password', () => {
  it('never starts with a character the admin tool reads as an option', () => {
    // A base64url password begins with `-` once in 64 draws; 2,000 draws would catch it.
    for (let i = 0; i < 2000; i++) {
      const password = newNeo4jPassword();
      expect(password).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('differs between draws', () => {
    expect(new Set(Array.from({ length: 50 }, newNeo4jPassword)).size).toBe(50);
  });
});
