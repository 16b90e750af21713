import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface NamedOption {
  id: string;
  name: string;
  county: string;
}

export interface DutyOption {
  id: string;
  name: string;
  category: string;
  townshipId: string;
  townshipName: string;
}

export interface SupervisionOptions {
  counties: string[];
  departments: NamedOption[];
  townships: NamedOption[];
  categories: string[];
  duties: DutyOption[];
}

// What the board's filters pick from, by name (the ids travel behind the names).
@Injectable()
export class SupervisionOptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async options(county: string | undefined): Promise<SupervisionOptions> {
    const scope = (alias: string, column = 'county'): string =>
      county === undefined ? 'TRUE' : `${alias}.${column} = $1`;
    const params = county === undefined ? [] : [county];
    const [counties, departments, townships, duties] = await Promise.all([
      this.dataSource.query<{ county: string }[]>(
        `SELECT DISTINCT county FROM townships t WHERE ${scope('t')} ORDER BY county`,
        params,
      ),
      this.dataSource.query<NamedOption[]>(
        `SELECT id, name, county FROM departments d WHERE ${scope('d')} ORDER BY county, name`,
        params,
      ),
      this.dataSource.query<NamedOption[]>(
        `SELECT id, name, county FROM townships t WHERE ${scope('t')} ORDER BY county, name`,
        params,
      ),
      this.dataSource.query<DutyOption[]>(
        `SELECT d.id, d.name, d.category, t.id AS "townshipId", t.name AS "townshipName"
         FROM duties d JOIN townships t ON t.id = d."townshipId"
         WHERE d.list = 'cooperative' AND d.active AND ${scope('t')}
           AND EXISTS (SELECT 1 FROM workflow_templates w WHERE w."dutyId" = d.id)
         ORDER BY t.name, d.no`,
        params,
      ),
    ]);
    const categories = [...new Set(duties.map((d) => d.category))].sort((a, b) =>
      a.localeCompare(b, 'zh-CN'),
    );
    return { counties: counties.map((c) => c.county), departments, townships, categories, duties };
  }
}
