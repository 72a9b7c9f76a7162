// The app alone in a process of its own, so that the export benchmark can read the server's
// memory (VmHWM of this process) apart from its own. Prints its URL on the first line, and on
// the second the session headers of a bench account signed in there.
import { DEFAULT_SETTINGS, type Settings } from '../../server/config.js';
import { Db } from '../../server/db.js';
import { buildApp } from '../../server/app.js';
import { UNTHROTTLED, benchHeaders } from './lib.js';

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  neo4jUri: process.env.BENCH_EXPORT_URI!,
  neo4jUser: process.env.BENCH_EXPORT_USER ?? 'neo4j',
  neo4jPassword: process.env.BENCH_EXPORT_PASSWORD ?? '',
  queryTimeoutMs: 60_000,
};
const db = new Db({
  uri: settings.neo4jUri,
  user: settings.neo4jUser,
  password: settings.neo4jPassword,
  database: settings.neo4jDatabase,
  queryTimeoutMs: settings.queryTimeoutMs,
});
// BENCH_SERVER_THROTTLED=1 keeps the per-session request budget (the load benchmark's clients live with it).
const app = await buildApp(
  db,
  process.env.BENCH_SERVER_THROTTLED === '1'
    ? // Every client of the load benchmark signs in from the one loopback address.
      { ...settings, loginRatePerMinute: 10_000 }
    : { ...settings, ...UNTHROTTLED },
);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(url);
console.log(JSON.stringify(await benchHeaders(app, db)));
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});
