import { INestApplicationContext, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CoreModule } from 'src/app.module';
import { AuthUser } from 'src/auth/auth-user';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { DutyListsModule } from 'src/duty-lists/duty-lists.module';
import { TemplatesModule } from 'src/templates/templates.module';
import { TemplatesService } from 'src/templates/templates.service';
import { UserRole } from 'src/users/user-role';
import { resetDatabase } from 'test/utils/database';
import { readSeed } from 'test/utils/seeds';

@Module({ imports: [CoreModule, DutyListsModule, TemplatesModule] })
class ProvenanceTestModule {}

// A supervisor's edit is never undone by the importer (npm start re-imports the seeds every time).
describe('template provenance', () => {
  let context: INestApplicationContext;
  let importer: DutyListImporter;
  let templates: TemplatesService;
  let dataSource: DataSource;
  const admin = { id: '00000000-0000-0000-0000-000000000001', role: UserRole.Admin } as AuthUser;
  const FILE = 'qitai-sangezhuangzi.txt';

  const versions = (): Promise<{ id: string; version: number; origin: string; documentUpdate: unknown }[]> =>
    dataSource.query(
      `SELECT w.id, w.version, w.origin, w."documentUpdate" FROM workflow_templates w
       JOIN duties d ON d.id = w."dutyId" JOIN townships t ON t.id = d."townshipId"
       WHERE t.name = '三个庄子镇' AND d.name = '残疾人证管理' ORDER BY w.version`,
    );

  const changedDocument = (): Buffer => {
    const lines = readSeed(FILE).toString('utf8').split('\n');
    const index = lines.findIndex((line) => line.split('\t')[2] === '残疾人证管理');
    const cells = lines[index].split('\t');
    cells[5] = `${cells[5]} 8.将办证结果告知残疾人。`;
    lines[index] = cells.join('\t');
    return Buffer.from(lines.join('\n'), 'utf8');
  };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ProvenanceTestModule] }).compile();
    context = await moduleRef.init();
    importer = context.get(DutyListImporter);
    templates = context.get(TemplatesService);
    dataSource = context.get(DataSource);
    await resetDatabase(dataSource);
    await importer.importFile(readSeed(FILE), FILE);
  });

  afterAll(async () => {
    await context.close();
  });

  it('should keep a supervisor edit latest across a re-import of the same and of a changed document', async () => {
    const [v1] = await versions();
    expect(v1.origin).toBe('document');
    const current = await templates.get(v1.id);
    const edited = current.steps.map((step) => ({
      position: step.position,
      lane: step.lane,
      section: step.section,
      text: step.text,
      assigneeDepartmentIds: step.assigneeDepartmentIds,
      dependsOn: step.dependsOn,
      dueWorkingDays: 3,
      optional: false,
    }));
    const v2 = await templates.saveNewVersion(admin, v1.id, { steps: edited });
    expect(v2).toMatchObject({ version: 2, origin: 'person' });
    // Untouched: the standing mark and the inferred evidence stay.
    expect(v2.steps[8].standing).toBe(true);
    expect(v2.steps[0].evidence[0].rule).toBe('township-to-department');

    const same = await importer.importFile(readSeed(FILE), FILE);
    expect(same.templates).toMatchObject({ created: 0, flagged: 0 });
    expect((await versions()).map((v) => v.version)).toEqual([1, 2]);

    const changed = await importer.importFile(changedDocument(), 'qitai-v2.txt');
    expect(changed.templates).toMatchObject({ created: 0, flagged: 1 });
    const after = await versions();
    expect(after.map((v) => [v.version, v.origin])).toEqual([
      [1, 'document'],
      [2, 'person'],
    ]);
    const flagged = await templates.get(v2.id);
    expect(flagged.documentUpdate?.differences).toEqual([
      expect.objectContaining({ position: 10, change: 'added' }),
    ]);
    // Importing the changed document again raises nothing new.
    expect((await importer.importFile(changedDocument(), 'qitai-v2.txt')).templates.flagged).toBe(0);

    const adopted = await templates.resolveDocumentUpdate(admin, v2.id, { action: 'adopt' });
    expect(adopted).toMatchObject({ version: 3, origin: 'document', documentUpdate: null });
    expect(adopted.steps).toHaveLength(10);
  });
});
