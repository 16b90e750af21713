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
  phone: string | null;
  isLeader: boolean;
  tokenVersion: number;
}

// A user as the admin list shows it: with the unit's name.
export interface UserListRow extends UserRecord {
  unitName: string | null;
  createdAt: Date;
  passwordChangedAt: Date | null;
}

export interface UserFilter {
  q?: string;
  role?: UserRole;
  departmentId?: string;
  townshipId?: string;
  county?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

export interface UnitAssignment {
  role: UserRole;
  departmentId: string | null;
  townshipId: string | null;
  county: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: UserRole;
  departmentId: string | null;
  townshipId: string | null;
  county: string | null;
  phone?: string | null;
  isLeader?: boolean;
}

const USER_COLUMN_NAMES = [
  'id',
  'username',
  'displayName',
  'role',
  'departmentId',
  'townshipId',
  'county',
  'active',
  'phone',
  'isLeader',
  'tokenVersion',
];
const USER_COLUMNS = USER_COLUMN_NAMES.map((name) => `"${name}"`).join(', ');
const QUALIFIED_USER_COLUMNS = USER_COLUMN_NAMES.map((name) => `u."${name}"`).join(', ');

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
      `INSERT INTO users (username, "displayName", "passwordHash", role, "departmentId", "townshipId", county, phone, "isLeader")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT "UQ_users_username" DO NOTHING RETURNING ${USER_COLUMNS}`,
      [
        user.username,
        user.displayName,
        user.passwordHash,
        user.role,
        user.departmentId,
        user.townshipId,
        user.county,
        user.phone ?? null,
        user.isLeader ?? false,
      ],
    );
    return rows[0] ?? null;
  }

  async findHashById(id: string): Promise<string | null> {
    const rows: { passwordHash: string }[] = await this.dataSource.query(
      `SELECT "passwordHash" FROM users WHERE id = $1`,
      [id],
    );
    return rows[0]?.passwordHash ?? null;
  }

  // A new password ends every token issued before it (tokenVersion + 1).
  async setPassword(id: string, passwordHash: string, now: Date): Promise<UserRecord | null> {
    return this.updateOne(
      id,
      `"passwordHash" = $2, "passwordChangedAt" = $3, "tokenVersion" = "tokenVersion" + 1`,
      [passwordHash, now],
    );
  }

  setActive(id: string, active: boolean): Promise<UserRecord | null> {
    return this.updateOne(id, `active = $2, "tokenVersion" = "tokenVersion" + 1`, [active]);
  }

  setLeader(id: string, isLeader: boolean): Promise<UserRecord | null> {
    return this.updateOne(id, `"isLeader" = $2`, [isLeader]);
  }

  setProfile(
    id: string,
    displayName: string | undefined,
    phone: string | null | undefined,
  ): Promise<UserRecord | null> {
    return this.updateOne(
      id,
      `"displayName" = COALESCE($2, "displayName"), phone = CASE WHEN $3::boolean THEN $4 ELSE phone END`,
      [displayName ?? null, phone !== undefined, phone ?? null],
    );
  }

  // Another unit (and possibly role): a 负责人 of the old unit is not one of the new unit.
  moveUnit(id: string, unit: UnitAssignment): Promise<UserRecord | null> {
    return this.updateOne(
      id,
      `role = $2, "departmentId" = $3, "townshipId" = $4, county = $5, "isLeader" = false,
       "tokenVersion" = "tokenVersion" + 1`,
      [unit.role, unit.departmentId, unit.townshipId, unit.county],
    );
  }

  // A bumped tokenVersion also ends the user's browser sessions (same transaction).
  private async updateOne(id: string, sets: string, params: unknown[]): Promise<UserRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      const result: [UserRecord[], number] = await manager.query(
        `UPDATE users SET ${sets} WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [id, ...params],
      );
      if (sets.includes('"tokenVersion"'))
        await manager.query(`DELETE FROM sessions WHERE "userId" = $1`, [id]);
      return result[0][0] ?? null;
    });
  }

  async list(filter: UserFilter): Promise<{ rows: UserListRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace(/\?/g, `$${params.length}`));
    };
    if (filter.q)
      add(`(u.username ILIKE ? OR u."displayName" ILIKE ?)`, `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`);
    if (filter.role) add(`u.role = ?`, filter.role);
    if (filter.departmentId) add(`u."departmentId" = ?`, filter.departmentId);
    if (filter.townshipId) add(`u."townshipId" = ?`, filter.townshipId);
    if (filter.county) add(`u.county = ?`, filter.county);
    if (filter.active !== undefined) add(`u.active = ?`, filter.active);
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM users u ${whereSql}`,
      params,
    );
    const rows: UserListRow[] = await this.dataSource.query(
      `SELECT ${QUALIFIED_USER_COLUMNS}, u."createdAt", u."passwordChangedAt",
              COALESCE(d.name, t.name) AS "unitName"
       FROM users u LEFT JOIN departments d ON d.id = u."departmentId" LEFT JOIN townships t ON t.id = u."townshipId"
       ${whereSql} ORDER BY u.county NULLS FIRST, "unitName" NULLS FIRST, u."isLeader" DESC, u.username
       LIMIT ${filter.limit} OFFSET ${filter.offset}`,
      params,
    );
    return { rows, total: total[0].n };
  }

  async findListRow(id: string): Promise<UserListRow | null> {
    const rows: UserListRow[] = await this.dataSource.query(
      `SELECT ${QUALIFIED_USER_COLUMNS}, u."createdAt", u."passwordChangedAt", COALESCE(d.name, t.name) AS "unitName"
       FROM users u LEFT JOIN departments d ON d.id = u."departmentId" LEFT JOIN townships t ON t.id = u."townshipId"
       WHERE u.id = $1`,
      [id],
    );
    return rows[0] ?? null;
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
