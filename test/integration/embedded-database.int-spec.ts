import { Client } from 'pg';
import { spawnEmbeddedDatabase, SpawnedEmbeddedDatabase } from 'test/utils/embedded-test-database';

// The embedded database's socket (PGlite is one session; connections take turns and an open
// transaction has it to itself), on a database of its own whatever the tier's mode (in a child
// process, as the tiers' embedded database: PGlite does not load inside Jest's module sandbox).
describe('embedded database socket', () => {
  let db: SpawnedEmbeddedDatabase;

  const connect = async (): Promise<Client> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    db = await spawnEmbeddedDatabase();
    const setup = await connect();
    await setup.query('CREATE TABLE socket_probe (n int)');
    await setup.end();
  }, 120_000);

  afterAll(async () => {
    await db?.stop();
  });

  it('should roll back the transaction of a client that disconnects inside it and serve the others', async () => {
    const holder = await connect();
    await holder.query('BEGIN');
    await holder.query('INSERT INTO socket_probe VALUES (1)');
    const other = await connect();
    // Queued behind the open transaction; answered once the holder is gone and its work rolled back.
    const counted = other.query<{ n: number }>('SELECT count(*)::int AS n FROM socket_probe');
    await holder.end();

    expect((await counted).rows).toEqual([{ n: 0 }]);
    const later = await connect();
    expect((await later.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    await Promise.all([other.end(), later.end()]);
  });
});
