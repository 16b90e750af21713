import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { UserRole } from 'src/users/user-role';
import { loginAs } from 'test/utils/auth';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { readSeed } from 'test/utils/seeds';

export interface DisabilityDuty {
  app: INestApplication;
  http: App;
  clerk: string; // 三个庄子镇 township staff
  canlian: string; // 奇台县残联 department staff
  minzheng: string; // 奇台县民政局 department staff
  supervisor: string; // 奇台县督办
  admin: string;
  templateId: string; // a version in the real order (below)
}

export const auth = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

// The real order of 残疾人证管理 (三个庄子镇): town steps 3–7 (ending with 材料送至县残联), then 县残联 1
// (审核、制证), then 县残联 2 and town 8 (领取发放) → 9. Saved as a version, as a supervisor would.
export const REAL_ORDER: Record<number, number[]> = {
  1: [7],
  2: [1],
  3: [],
  4: [3],
  5: [4],
  6: [5],
  7: [6],
  8: [1],
  9: [8],
};

export async function setUpDisabilityDuty(caseFields?: Record<string, unknown>[]): Promise<DisabilityDuty> {
  const app = await createTestApp();
  const http = app.getHttpServer() as App;
  await resetDatabase(app.get(DataSource));
  await app.get(CalendarSeeder).seedFromFile();
  await app.get(DutyListImporter).importFile(readSeed('qitai-sangezhuangzi.txt'), 'qitai-sangezhuangzi.txt');
  const clerk = await loginAs(app, {
    username: 'sgzz-clerk',
    role: UserRole.TownshipStaff,
    township: '三个庄子镇',
  });
  const canlian = await loginAs(app, {
    username: 'qt-canlian',
    role: UserRole.DepartmentStaff,
    department: '奇台县残联',
  });
  const minzheng = await loginAs(app, {
    username: 'qt-minzheng',
    role: UserRole.DepartmentStaff,
    department: '奇台县民政局',
  });
  const supervisor = await loginAs(app, {
    username: 'qt-supervisor',
    role: UserRole.Supervisor,
    county: '奇台县',
  });
  const admin = await loginAs(app, { username: 'admin', role: UserRole.Admin });
  const list = await request(http)
    .get('/api/templates')
    .query({ township: '三个庄子镇', q: '残疾人证' })
    .set(auth(clerk))
    .expect(200);
  const v1 = await request(http).get(`/api/templates/${list.body.items[0].id}`).set(auth(clerk)).expect(200);
  const steps = (v1.body.steps as Record<string, unknown>[]).map((s) => ({
    position: s.position,
    lane: s.lane,
    section: s.section,
    text: s.text,
    assigneeDepartmentIds: s.assigneeDepartmentIds,
    dependsOn: REAL_ORDER[s.position as number],
    dueWorkingDays: 3,
    optional: false,
  }));
  const saved = await request(http)
    .put(`/api/templates/${v1.body.id}`)
    .set(auth(supervisor))
    .send({ steps, ...(caseFields ? { caseFields } : {}) })
    .expect(200);
  return { app, http, clerk, canlian, minzheng, supervisor, admin, templateId: saved.body.id as string };
}
