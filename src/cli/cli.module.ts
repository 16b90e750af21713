import { Module } from '@nestjs/common';
import { CopyToCommand } from './copy-to.command';
import { ImportCommand } from './import.command';
import { MigrateCommand } from './migrate.command';
import { ParseCommand } from './parse.command';
import { ServeCommand } from './serve.command';
import { CreateUserCommand, DemoUsersCommand, UsersCommand } from './users.command';

// Holds only the commands; each command that needs the database boots its own context, so `parse`
// runs without Postgres or Redis.
@Module({
  providers: [
    ParseCommand,
    CopyToCommand,
    ImportCommand,
    MigrateCommand,
    ServeCommand,
    UsersCommand,
    CreateUserCommand,
    DemoUsersCommand,
  ],
})
export class CliModule {}
