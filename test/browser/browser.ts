import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { WEB_APP_DIR } from 'src/web/web-app.module';
import { ApiModule, WorkerModule } from 'src/app.module';
import { configureHttpApp } from 'src/bootstrap/bootstrap';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { DataSource } from 'typeorm';
import { resetDatabase } from 'test/utils/database';
import { readSeed } from 'test/utils/seeds';

// The browser tier: Debian's Chromium (apt) driven by playwright-core against the real service (API,
// workers and the built web app from `npm run build`) on the test PostgreSQL and Redis.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// Screenshots are artifacts of the run (git-ignored), one folder per spec file.
export const ARTIFACTS_DIR = join(__dirname, '..', '..', 'artifacts', 'browser');

@Module({ imports: [ApiModule, WorkerModule] })
class BrowserTierModule {}

export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

export interface BrowserRig {
  app: INestApplication;
  baseUrl: string;
  browser: Browser;
  // Console errors and refused resources (e.g. a Content-Security-Policy violation) of every page.
  pageErrors: string[];
  newPerson(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserRig(specName: string): Promise<BrowserRig> {
  if (!existsSync(join(WEB_APP_DIR, 'index.html')))
    throw new Error(`the web app is not built (${WEB_APP_DIR}); run npm run build first`);
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
  // Booted like `npm start` (NestFactory, not the testing module: @nestjs/serve-static needs the HTTP
  // adapter when its providers are built, which Test.createTestingModule does too early).
  const app = await NestFactory.create(BrowserTierModule, { logger: ['error'] });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  const folder = join(ARTIFACTS_DIR, specName);
  mkdirSync(folder, { recursive: true });
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  return {
    app,
    baseUrl,
    browser,
    pageErrors,
    async newPerson(viewport = DESKTOP) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return { context, page };
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await app.close();
    },
  };
}

// Signs in through the 登录 page as a person would.
export async function signInAs(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出' }).waitFor();
}

// Every journey starts from an empty database with the calendar and 奇台县三个庄子镇's published list.
export async function seedQitaiSangezhuangzi(rig: BrowserRig): Promise<void> {
  await resetDatabase(rig.app.get(DataSource));
  await rig.app.get(CalendarSeeder).seedFromFile();
  await rig.app
    .get(DutyListImporter)
    .importFile(readSeed('qitai-sangezhuangzi.txt'), 'qitai-sangezhuangzi.txt');
}
