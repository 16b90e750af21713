import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CoreModule } from 'src/app.module';
import { prepareOrExit } from 'src/bootstrap/bootstrap';
import { closeDatabase } from 'src/database/database-target';
import { USER_ROLE_LABELS, UserRole } from 'src/users/user-role';
import { UsersModule } from 'src/users/users.module';
import { UsersService } from 'src/users/users.service';
import { failCommand } from './cli-output';

@Module({ imports: [CoreModule, UsersModule] })
class UsersContextModule {}

async function withUsers<T>(work: (users: UsersService) => Promise<T>): Promise<T> {
  await prepareOrExit();
  const app = await NestFactory.createApplicationContext(UsersContextModule, { logger: ['error', 'warn'] });
  try {
    return await work(app.get(UsersService));
  } finally {
    await app.close();
    await closeDatabase();
  }
}

interface CreateOptions {
  username: string;
  password: string;
  role: UserRole;
  department?: string;
  township?: string;
  county?: string;
  displayName?: string;
}

@SubCommand({ name: 'create', description: '创建用户' })
export class CreateUserCommand extends CommandRunner {
  async run(_: string[], options: CreateOptions): Promise<void> {
    try {
      const user = await withUsers((users) => users.create(options));
      process.stdout.write(`已创建用户 ${user.username}（${USER_ROLE_LABELS[user.role]}）id=${user.id}\n`);
    } catch (error) {
      failCommand(error);
    }
  }

  @Option({ flags: '--username <username>', required: true })
  parseUsername(value: string): string {
    return value;
  }

  @Option({ flags: '--password <password>', required: true })
  parsePassword(value: string): string {
    return value;
  }

  @Option({ flags: '--role <role>', required: true, description: Object.values(UserRole).join(' | ') })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--department <name-or-id>', description: '部门全称、简称或 ID（department_staff）' })
  parseDepartment(value: string): string {
    return value;
  }

  @Option({ flags: '--township <name-or-id>', description: '乡镇名称或 ID（township_staff）' })
  parseTownship(value: string): string {
    return value;
  }

  @Option({ flags: '--county <county>', description: '所辖县（supervisor）' })
  parseCounty(value: string): string {
    return value;
  }

  @Option({ flags: '--display-name <name>' })
  parseDisplayName(value: string): string {
    return value;
  }
}

@SubCommand({
  name: 'demo',
  description: '为每个已导入的部门和乡镇各建一个试用账号（另建各县督办与 admin），并列出',
})
export class DemoUsersCommand extends CommandRunner {
  async run(_: string[], options: { password: string }): Promise<void> {
    try {
      const users = await withUsers((service) => service.createDemoUsers(options.password));
      for (const user of users) {
        process.stdout.write(
          `${user.created ? '新建' : '已有'}\t${USER_ROLE_LABELS[user.role]}\t${user.username}\n`,
        );
      }
      process.stdout.write(`共 ${users.length} 个账号，新建 ${users.filter((u) => u.created).length} 个\n`);
    } catch (error) {
      failCommand(error);
    }
  }

  @Option({ flags: '--password <password>', required: true, description: '所有试用账号的密码（至少 8 位）' })
  parsePassword(value: string): string {
    return value;
  }
}

@Command({ name: 'users', description: '用户管理', subCommands: [CreateUserCommand, DemoUsersCommand] })
export class UsersCommand extends CommandRunner {
  run(): Promise<void> {
    process.stderr.write('用法：users create … | users demo --password …\n');
    return Promise.resolve();
  }
}
