import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CaseEventType } from './case-event.entity';

export interface NewCaseEvent {
  caseId: string;
  stepId: string | null;
  actorId: string | null;
  type: CaseEventType;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
}

export interface CaseEventRow extends Required<NewCaseEvent> {
  id: string;
  actorName: string | null;
  stepPosition: number | null;
  createdAt: Date;
}

const EVENT_COLUMNS = `e.id, e."caseId", e."stepId", e."actorId", u."displayName" AS "actorName", s.position AS "stepPosition",
  e.type, e."fromStatus", e."toStatus", e.note, e.data, e."createdAt"`;

@Injectable()
export class CaseEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(manager: EntityManager, events: NewCaseEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO case_events ("caseId", "stepId", "actorId", type, "fromStatus", "toStatus", note, data)
       SELECT e."caseId", e."stepId", e."actorId", e.type, e."fromStatus", e."toStatus", e.note, e.data
       FROM jsonb_to_recordset($1::jsonb) AS e("caseId" uuid, "stepId" uuid, "actorId" uuid, type varchar,
            "fromStatus" varchar, "toStatus" varchar, note text, data jsonb)`,
      [JSON.stringify(events)],
    );
  }

  listForCase(caseId: string): Promise<CaseEventRow[]> {
    return this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM case_events e LEFT JOIN users u ON u.id = e."actorId"
       LEFT JOIN case_steps s ON s.id = e."stepId" WHERE e."caseId" = $1 ORDER BY e.id`,
      [caseId],
    );
  }

  listComments(stepId: string): Promise<CaseEventRow[]> {
    return this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM case_events e LEFT JOIN users u ON u.id = e."actorId"
       LEFT JOIN case_steps s ON s.id = e."stepId" WHERE e."stepId" = $1 AND e.type = $2 ORDER BY e.id`,
      [stepId, CaseEventType.StepComment],
    );
  }
}
