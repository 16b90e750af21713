import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface MaterialRow {
  id: string;
  caseId: string;
  stepId: string | null;
  stepPosition: number | null;
  stepText: string | null;
  fileName: string;
  kind: string;
  mediaType: string;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedByName: string | null;
  createdAt: Date;
}

export type NewMaterial = Omit<
  MaterialRow,
  'id' | 'stepPosition' | 'stepText' | 'uploadedByName' | 'createdAt'
>;

const MATERIAL_COLUMNS = `m.id, m."caseId", m."stepId", s.position AS "stepPosition", s.text AS "stepText", m."fileName",
  m.kind, m."mediaType", m.size, m.sha256, m."storageKey", m."uploadedBy", u."displayName" AS "uploadedByName", m."createdAt"`;
const MATERIAL_FROM = `materials m LEFT JOIN case_steps s ON s.id = m."stepId" LEFT JOIN users u ON u.id = m."uploadedBy"`;

@Injectable()
export class MaterialsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, material: NewMaterial): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO materials ("caseId", "stepId", "fileName", kind, "mediaType", size, sha256, "storageKey", "uploadedBy")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        material.caseId,
        material.stepId,
        material.fileName,
        material.kind,
        material.mediaType,
        material.size,
        material.sha256,
        material.storageKey,
        material.uploadedBy,
      ],
    );
    return rows[0].id;
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<MaterialRow | null> {
    const rows: MaterialRow[] = await manager.query(
      `SELECT ${MATERIAL_COLUMNS} FROM ${MATERIAL_FROM} WHERE m.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  listForCase(caseId: string): Promise<MaterialRow[]> {
    return this.dataSource.query(
      `SELECT ${MATERIAL_COLUMNS} FROM ${MATERIAL_FROM} WHERE m."caseId" = $1 ORDER BY m."createdAt", m.id`,
      [caseId],
    );
  }

  count(): Promise<number> {
    return this.dataSource
      .query(`SELECT count(*)::int AS n FROM materials`)
      .then((rows: { n: number }[]) => rows[0].n);
  }
}
