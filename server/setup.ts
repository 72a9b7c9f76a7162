// Brings a database to a usable state: schema, reference data and (when empty) the seed.
import { cypherStatements, type Db } from './db.js';
import { loadReferenceIntoDb } from './reference.js';

export async function applySchema(db: Db): Promise<void> {
  await db.runSchema(cypherStatements('schema'));
  // Index population is asynchronous; queries right after start should see complete indexes.
  await db.runSchema(['CALL db.awaitIndexes(300)']);
}

export async function prepareDatabase(db: Db): Promise<void> {
  await applySchema(db);
  await loadReferenceIntoDb(db);
}
