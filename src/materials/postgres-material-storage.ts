import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { MaterialStorage } from './material-storage';

@Injectable()
export class PostgresMaterialStorage extends MaterialStorage {
  async put(manager: EntityManager, bytes: Buffer): Promise<string> {
    const key = randomUUID();
    await manager.query(`INSERT INTO material_contents (id, content) VALUES ($1, $2)`, [key, bytes]);
    return key;
  }

  async get(manager: EntityManager, key: string): Promise<Buffer | null> {
    const rows: { content: Buffer }[] = await manager.query(
      `SELECT content FROM material_contents WHERE id = $1`,
      [key],
    );
    return rows[0]?.content ?? null;
  }
}
