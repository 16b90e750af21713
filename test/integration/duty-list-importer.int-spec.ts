import { INestApplicationContext, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CoreModule } from 'src/app.module';
import { DutyListParseError } from 'src/duty-lists/duty-list-parse.error';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { parseDutyList } from 'src/duty-lists/duty-list.parser';
import { DutyListsModule } from 'src/duty-lists/duty-lists.module';
import { OrganizationsRepository } from 'src/organizations/organizations.repository';
import { onServersOnly } from 'test/test-env';
import { eventually } from 'test/utils/queues';
import { resetDatabase, tableRowCounts } from 'test/utils/database';
import { readSeed, SEED_COUNTS } from 'test/utils/seeds';

@Module({ imports: [CoreModule, DutyListsModule] })
class ImporterTestModule {}

describe(DutyListImporter.name, () => {
  let context: INestApplicationContext;
  let sut: DutyListImporter;
  let dataSource: DataSource;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ImporterTestModule] }).compile();
    context = await moduleRef.init();
    sut = context.get(DutyListImporter);
    dataSource = context.get(DataSource);
    await resetDatabase(dataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  const countByList = async (townshipName: string): Promise<Record<string, number>> => {
    const rows: { list: string; count: number }[] = await dataSource.query(
      `SELECT d.list, count(*)::int AS count FROM duties d JOIN townships t ON t.id = d."townshipId"
       WHERE t.county || t.name = $1 AND d.active GROUP BY d.list`,
      [townshipName],
    );
    return Object.fromEntries(rows.map((row) => [row.list, row.count]));
  };

  it('should import all five documents with the stated row counts and one template per cooperative duty', async () => {
    for (const [fileName, expected] of Object.entries(SEED_COUNTS)) {
      const result = await sut.importFile(readSeed(fileName), fileName);
      expect(result.township).toBe(expected.township);
      expect(result.duties.created).toBe(expected.basic + expected.cooperative + expected.withdrawn);
      expect(result.templates.created).toBe(expected.cooperative);
      expect(await countByList(expected.township)).toEqual({
        basic: expected.basic,
        cooperative: expected.cooperative,
        withdrawn: expected.withdrawn,
      });
    }
    const [{ templates }] = await dataSource.query(
      `SELECT count(*)::int AS templates FROM workflow_templates`,
    );
    expect(templates).toBe(97 + 103 + 103 + 99 + 101);
  });

  it('should leave every table row count unchanged when the same documents are imported again', async () => {
    const before = await tableRowCounts(dataSource);
    for (const fileName of Object.keys(SEED_COUNTS)) {
      const result = await sut.importFile(readSeed(fileName), fileName);
      expect(result.documentUnchanged).toBe(true);
      expect(result.duties).toEqual(expect.objectContaining({ created: 0, updated: 0, retired: 0 }));
      expect(result.templates.created).toBe(0);
      expect(result.departments.created).toBe(0);
    }
    expect(await tableRowCounts(dataSource)).toEqual(before);
  });

  it('should resolve the 残疾人证管理 duty of 三个庄子镇 to 奇台县残联 with steps in both lanes', async () => {
    const [duty] = await dataSource.query(
      `SELECT d.id, array_agg(p.name ORDER BY dd.position) AS departments
       FROM duties d JOIN townships t ON t.id = d."townshipId"
       JOIN duty_departments dd ON dd."dutyId" = d.id JOIN departments p ON p.id = dd."departmentId"
       WHERE t.name = '三个庄子镇' AND d.list = 'cooperative' AND d.name LIKE '%残疾人证%' GROUP BY d.id`,
    );
    expect(duty.departments).toEqual(['奇台县残联']);
    const steps: { lane: string; assigneeDepartmentIds: string[] }[] = await dataSource.query(
      `SELECT s.lane, s."assigneeDepartmentIds" FROM template_steps s JOIN workflow_templates w ON w.id = s."templateId"
       WHERE w."dutyId" = $1 ORDER BY s.position`,
      [duty.id],
    );
    expect(steps.some((step) => step.lane === 'department')).toBe(true);
    expect(steps.some((step) => step.lane === 'township')).toBe(true);
    const [department] = await dataSource.query(
      `SELECT id, aliases FROM departments WHERE name = '奇台县残联'`,
    );
    expect(department.aliases).toContain('县残联');
    for (const step of steps.filter((s) => s.lane === 'department')) {
      expect(step.assigneeDepartmentIds).toEqual([department.id]);
    }
  });

  it('should add a template version for a changed duty and keep the old version untouched', async () => {
    const original = readSeed('qitai-sangezhuangzi.txt').toString('utf8');
    const lines = original.split('\n');
    const index = lines.findIndex((line) => line.split('\t')[2]?.includes('残疾人证'));
    expect(index).toBeGreaterThan(0);
    const cells = lines[index].split('\t');
    cells[5] = `${cells[5].replace(/<\/p>\s*$/, '')}；另行告知申请人办理结果。`;
    lines[index] = cells.join('\t');
    const changed = Buffer.from(lines.join('\n'), 'utf8');

    const before = await dataSource.query(
      `SELECT w.id, w.version, (SELECT count(*)::int FROM template_steps s WHERE s."templateId" = w.id) AS steps
       FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" JOIN townships t ON t.id = d."townshipId"
       WHERE t.name = '三个庄子镇' AND d.name LIKE '%残疾人证%'`,
    );
    const result = await sut.importFile(changed, 'qitai-sangezhuangzi-v2.txt');

    expect(result.documentUnchanged).toBe(false);
    expect(result.templates.created).toBe(1);
    expect(result.templates.unchanged).toBe(96);
    const after = await dataSource.query(
      `SELECT w.id, w.version, (SELECT count(*)::int FROM template_steps s WHERE s."templateId" = w.id) AS steps
       FROM workflow_templates w JOIN duties d ON d.id = w."dutyId" JOIN townships t ON t.id = d."townshipId"
       WHERE t.name = '三个庄子镇' AND d.name LIKE '%残疾人证%' ORDER BY w.version`,
    );
    expect(after).toHaveLength(2);
    expect(after[0]).toEqual(before[0]);
    expect(after[1].version).toBe(2);
    expect(after[1].steps).toBeGreaterThanOrEqual(before[0].steps);
  });

  it('should write nothing when a document cannot be parsed', async () => {
    const before = await tableRowCounts(dataSource);
    const truncated = readSeed('mulei-dashitou.txt').subarray(0, 4000);
    await expect(sut.importFile(truncated, 'truncated.txt')).rejects.toBeInstanceOf(DutyListParseError);
    await expect(sut.importFile(Buffer.from([0x00, 0xff, 0x10, 0x00]), 'binary.txt')).rejects.toBeInstanceOf(
      DutyListParseError,
    );
    expect(await tableRowCounts(dataSource)).toEqual(before);
  });

  it('should roll back the whole document when writing fails half-way', async () => {
    const before = await tableRowCounts(dataSource);
    const parsedWithClash = parseDutyList(readSeed('toksun-yilahu.txt'), 'toksun-yilahu.txt');
    // New bytes add a document row first; a category longer than its column then fails the last
    // row's update, after every earlier write of the document.
    const last = parsedWithClash.withdrawn[parsedWithClash.withdrawn.length - 1];
    last.category = '超'.repeat(500);
    await expect(
      sut.importParsed(parsedWithClash, {
        fileName: 'toksun-yilahu.txt',
        content: Buffer.from('changed bytes'),
      }),
    ).rejects.toThrow();
    expect(await tableRowCounts(dataSource)).toEqual(before);
    const [{ category }] = await dataSource.query(
      `SELECT d.category FROM duties d JOIN townships t ON t.id = d."townshipId"
       WHERE t.name = '伊拉湖镇' AND d.list = 'withdrawn' AND d.no = $1`,
      [last.no],
    );
    expect(category).not.toBe(last.category);
  });

  it('should import one document uploaded twice at the same moment exactly once', async () => {
    await resetDatabase(dataSource);
    const content = readSeed('qitai-sangezhuangzi.txt');
    const [a, b] = await Promise.all([
      sut.importFile(content, 'qitai-sangezhuangzi.txt'),
      sut.importFile(content, 'qitai-sangezhuangzi.txt'),
    ]);
    expect([a.duties.created, b.duties.created].sort((x, y) => x - y)).toEqual([0, 240]);
    const counts = await tableRowCounts(dataSource);
    expect(counts).toEqual(
      expect.objectContaining({ townships: 1, duties: 240, workflow_templates: 97, duty_list_documents: 1 }),
    );
  });

  const describeOnServers = onServersOnly(
    describe,
    'waiting on an advisory lock needs two PostgreSQL sessions; on PGlite an open transaction has the database to itself, so imports never overlap',
  );
  describeOnServers('while another transaction holds the township', () => {
    it('should make a second import of the same township wait until the first has committed', async () => {
      const holder = dataSource.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      const township = { name: '三个庄子镇', county: '奇台县', prefecture: '昌吉回族自治州' };
      await context.get(OrganizationsRepository).lockTownshipForImport(holder.manager, township);

      const importing = sut.importFile(withChangedDisabilityRow('；告知申请人。'), 'qitai-v2.txt');
      const waiting = await eventually(
        async () => {
          const rows = await dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
          );
          return rows[0].n > 0 ? rows[0].n : undefined;
        },
        10_000,
        'the import to wait on the township lock',
      );
      expect(waiting).toBe(1);

      await holder.commitTransaction();
      await holder.release();
      const result = await importing;
      expect(result.templates.created).toBe(1);
    });
  });
});

function withChangedDisabilityRow(extra: string): Buffer {
  const lines = readSeed('qitai-sangezhuangzi.txt').toString('utf8').split('\n');
  const index = lines.findIndex((line) => line.split('\t')[2]?.includes('残疾人证'));
  const cells = lines[index].split('\t');
  cells[5] = `${cells[5].replace(/<\/p>\s*$/, '')}${extra}`;
  lines[index] = cells.join('\t');
  return Buffer.from(lines.join('\n'), 'utf8');
}
