// How driver failures become the API's answers: Neo4j's memory refusals are a 503 that says so,
// not a 500 «internal error».
import Fastify from 'fastify';
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../server/config.js';
import { classifyError, DbMemoryError, DbTimeoutError, DbUnavailableError } from '../../server/db.js';
import { errorHandler } from '../../server/plugins/errors.js';

const neo4jError = (code: string, message = `${code} happened\nsecond line`) => new Neo4jError(message, code, '', '');

describe('classifyError', () => {
  it.each([
    'Neo.ClientError.General.TransactionOutOfMemoryError',
    'Neo.TransientError.General.TransactionMemoryLimit',
    'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  ])('%s is a memory refusal with its first line as the reason', (code) => {
    const e = classifyError(neo4jError(code), 1000);
    expect(e).toBeInstanceOf(DbMemoryError);
    expect((e as DbMemoryError).reason).toBe(`${code} happened`);
  });

  it('keeps timeouts, outages and other errors apart', () => {
    expect(classifyError(neo4jError('Neo.ClientError.Transaction.TransactionTimedOut'), 1234)).toBeInstanceOf(
      DbTimeoutError,
    );
    expect(classifyError(neo4jError('ServiceUnavailable'), 1)).toBeInstanceOf(DbUnavailableError);
    const syntax = neo4jError('Neo.ClientError.Statement.SyntaxError');
    expect(classifyError(syntax, 1)).toBe(syntax);
  });
});

describe('the error handler', () => {
  it('answers a memory refusal with 503 query_memory and the reason', async () => {
    const app = Fastify();
    await app.register(errorHandler, { settings: DEFAULT_SETTINGS });
    app.get('/x', async () => {
      throw classifyError(neo4jError('Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'pool full'), 1);
    });
    const r = await app.inject('/x');
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ error: 'query_memory', reason: 'pool full' });
    await app.close();
  });
});
