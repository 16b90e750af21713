import request from 'supertest';
import { DataSource } from 'typeorm';
import { TEST_EMBEDDED } from 'test/test-env';
import { auth, DisabilityDuty, setUpDisabilityDuty } from 'test/utils/disability-duty';
import { obliterateQueues } from 'test/utils/queues';

// Issue 11, item 3: the work commits, then the database connection is lost while the answer is being
// stored (a trigger kills the server process serving that statement — a real connection loss, as in
// a PostgreSQL outage or restart between commit and answer). The client sees a failure; a retry with
// the same Idempotency-Key must answer the committed result and never open a second case.
// (PGlite has no backends to kill: server mode only.)
(TEST_EMBEDDED ? describe.skip : describe)(
  'an Idempotency-Key whose answer was lost after the commit',
  () => {
    let duty: DisabilityDuty;
    let dataSource: DataSource;

    beforeAll(async () => {
      duty = await setUpDisabilityDuty();
      dataSource = duty.app.get(DataSource);
      await dataSource.query(`
      CREATE OR REPLACE FUNCTION test_lose_idempotent_answer() RETURNS trigger AS $$
      BEGIN
        IF NEW."responseStatus" IS NOT NULL AND NEW.key LIKE 'lost-answer-%' THEN
          PERFORM pg_terminate_backend(pg_backend_pid());
          PERFORM pg_sleep(5); -- the termination lands here
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
      await dataSource.query(`
      CREATE TRIGGER test_lose_idempotent_answer BEFORE UPDATE ON idempotency_keys
      FOR EACH ROW EXECUTE FUNCTION test_lose_idempotent_answer()`);
    });

    afterAll(async () => {
      await dataSource.query(`DROP TRIGGER IF EXISTS test_lose_idempotent_answer ON idempotency_keys`);
      await dataSource.query(`DROP FUNCTION IF EXISTS test_lose_idempotent_answer()`);
      await obliterateQueues(duty.app);
      await duty.app.close();
    });

    const casesOf = async (name: string): Promise<string[]> =>
      (
        await dataSource.query<{ id: string }[]>(
          `SELECT id FROM cases WHERE subject = $1 ORDER BY "createdAt"`,
          [name],
        )
      ).map((row) => row.id);

    const open = (key: string, name: string) =>
      request(duty.http)
        .post('/api/cases')
        .set(auth(duty.clerk))
        .set('Idempotency-Key', key)
        .send({ templateId: duty.templateId, applicant: { name } });

    it('should answer the committed case to a retry, and open it only once', async () => {
      const lost = await open('lost-answer-open-case', '孙七');
      expect(lost.status).toBeGreaterThanOrEqual(500);
      const [committed, ...others] = await casesOf('孙七');
      expect(committed).toBeDefined(); // the work committed although its answer was lost
      expect(others).toEqual([]);

      await dataSource.query(`DROP TRIGGER test_lose_idempotent_answer ON idempotency_keys`);
      const retried = await open('lost-answer-open-case', '孙七').expect(201);
      expect(retried.body.id).toBe(committed);
      const again = await open('lost-answer-open-case', '孙七').expect(201);
      expect(again.body.id).toBe(committed);
      expect(await casesOf('孙七')).toEqual([committed]);
    });

    it('should replay a committed step action once its key is retried, without doing it twice', async () => {
      await dataSource.query(`
      CREATE TRIGGER test_lose_idempotent_answer BEFORE UPDATE ON idempotency_keys
      FOR EACH ROW EXECUTE FUNCTION test_lose_idempotent_answer()`);
      const opened = await open('open-for-claim-case', '周八').expect(201);
      const step = (opened.body.steps as { id: string; status: string }[]).find((s) => s.status === 'ready');
      const claim = () =>
        request(duty.http)
          .post(`/api/steps/${step?.id}/claim`)
          .set(auth(duty.clerk))
          .set('Idempotency-Key', 'lost-answer-claim');
      expect((await claim()).status).toBeGreaterThanOrEqual(500);
      await dataSource.query(`DROP TRIGGER test_lose_idempotent_answer ON idempotency_keys`);
      // Without the replay the claim would run again and be refused (409: already in progress).
      const retried = await claim().expect(200);
      expect(retried.body.status).toBe('in_progress');
      const [{ claims }] = await dataSource.query<{ claims: number }[]>(
        `SELECT count(*)::int AS claims FROM case_events WHERE "stepId" = $1 AND "toStatus" = 'in_progress'`,
        [step?.id],
      );
      expect(claims).toBe(1);
    });
  },
);
