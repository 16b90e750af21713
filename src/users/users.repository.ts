import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserRole } from './user-role';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  departmentId: string | null;
  townshipId: string | null;
  county: string | null;
  active: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: UserRole;
  departmentId: string | null;
  townshipId: string | null;
  county: string | null;
}

const USER_COLUMNS = `id, username, "displayName", role, "departmentId", "townshipId", county, active`;

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<UserRecord | null> {
    const rows: UserRecord[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findWithHash(username: string): Promise<(UserRecord & { passwordHash: string }) | null> {
    const rows: (UserRecord & { passwordHash: string })[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS}, "passwordHash" FROM users WHERE username = $1`,
      [username],
    );
    return rows[0] ?? null;
  }

  // Returns null when the username is taken (no exception for the expected case).
  async insert(user: NewUser): Promise<UserRecord | null> {
    const rows: UserRecord[] = await this.dataSource.query(
      `INSERT INTO users (username, "displayName", "passwordHash", role, "departmentId", "townshipId", county)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT "UQ_users_username" DO NOTHING RETURNING ${USER_COLUMNS}`,
      [
        user.username,
        user.displayName,
        user.passwordHash,
        user.role,
        user.departmentId,
        user.townshipId,
        user.county,
      ],
    );
    return rows[0] ?? null;
  }

  async setPassword(username: string, passwordHash: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET "passwordHash" = $2 WHERE username = $1`, [
      username,
      passwordHash,
    ]);
  }

  findDepartment(nameOrId: string): Promise<{ id: string; name: string; county: string }[]> {
    return this.dataSource.query(
      `SELECT id, name, county FROM departments WHERE id::text = $1 OR name = $1 OR $1 = ANY(aliases) ORDER BY county, name`,
      [nameOrId],
    );
  }

  findTownship(nameOrId: string): Promise<{ id: string; name: string; county: string }[]> {
    return this.dataSource.query(
      `SELECT id, name, county FROM townships WHERE id::text = $1 OR name = $1 OR county || name = $1 ORDER BY county, name`,
      [nameOrId],
    );
  }

  listUnits(): Promise<{ kind: 'department' | 'township'; id: string; name: string; county: string }[]> {
    return this.dataSource.query(
      `SELECT 'department' AS kind, id, name, county FROM departments
       UNION ALL SELECT 'township', id, name, county FROM townships ORDER BY county, kind, name`,
    );
  }
}
