import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { sha256 } from 'src/common/hash';
import { OrganizationsRepository } from 'src/organizations/organizations.repository';
import { findGraphProblems } from 'src/domain/workflow';
import { UserRole } from 'src/users/user-role';
import { BpmnTemplateInput } from './bpmn/bpmn-input';
import { TemplateDurationsSignal } from './template-durations.signal';
import { buildTemplateBpmn } from './bpmn/template-bpmn';
import { ListTemplatesQueryDto, TemplateStepInputDto, UpdateTemplateDto } from './dto/template.dto';
import { TemplateReader, TemplateRow, TemplatesRepository, TemplateStepRow } from './templates.repository';

export interface TemplateDetail extends TemplateRow {
  steps: TemplateStepRow[];
  sections: string[];
  // Only after a save with retimeOpenCases: how many steps of running cases got the new durations.
  retimedOpenSteps?: number;
}

@Injectable()
export class TemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: TemplatesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly durationsSignal: TemplateDurationsSignal,
  ) {}

  async list(
    query: ListTemplatesQueryDto,
  ): Promise<{ items: TemplateRow[]; total: number; page: number; pageSize: number }> {
    const township = query.township
      ? await this.organizations.findTownship(this.dataSource.manager, query.township)
      : null;
    if (query.township && !township) {
      throw new DomainError(ErrorCode.TOWNSHIP_NOT_FOUND, `乡镇“${query.township}”不存在`, {
        field: 'township',
      });
    }
    const { rows, total } = await this.templates.reader().listLatest({
      townshipId: township?.id,
      q: query.q?.trim() || undefined,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows, total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string, reader: TemplateReader = this.templates.reader()): Promise<TemplateDetail> {
    const template = await reader.findById(id);
    if (!template)
      throw new DomainError(ErrorCode.TEMPLATE_NOT_FOUND, `流程模板 ${id} 不存在`, { field: 'id' });
    const steps = await reader.findSteps(id);
    const sections = [...new Set(steps.map((step) => step.section).filter((s): s is string => s !== null))];
    return { ...template, steps, sections };
  }

  // Saves the edited steps as version N+1 of the same duty. Only the latest version may be edited
  // (409 otherwise), so two supervisors editing at once cannot silently overwrite each other.
  async saveNewVersion(user: AuthUser, id: string, input: UpdateTemplateDto): Promise<TemplateDetail> {
    let saved: { dutyId: string; version: number } | undefined;
    const newId = await this.dataSource.transaction(async (manager) => {
      const reader = this.templates.reader(manager);
      const current = await this.get(id, reader);
      if (user.role === UserRole.Supervisor && user.county !== current.county) {
        throw new DomainError(ErrorCode.FORBIDDEN, '只能修改本县的流程模板');
      }
      await reader.lockDuty(current.dutyId);
      const latest = (await reader.findById(id)) as TemplateRow;
      if (latest.latestVersion !== current.version) {
        throw new DomainError(
          ErrorCode.TEMPLATE_OUTDATED,
          `该模板已有更新的第 ${latest.latestVersion} 版，请在最新版本上修改`,
          { latestVersion: latest.latestVersion },
        );
      }
      await this.validateSteps(reader, current.county, input.steps);
      saved = { dutyId: current.dutyId, version: current.version + 1 };
      return this.templates.insertVersion(manager, {
        dutyId: current.dutyId,
        version: current.version + 1,
        name: current.name,
        contentHash: sha256(JSON.stringify(input.steps)),
        documentId: null,
        steps: input.steps.map((step) => ({ ...step, section: step.section ?? null, order: step.position })),
      });
    });
    const detail = await this.get(newId);
    if (!input.retimeOpenCases || !saved) return detail;
    const durations = input.steps.map((step) => ({
      position: step.position,
      dueWorkingDays: step.dueWorkingDays,
    }));
    const retimedOpenSteps = await this.durationsSignal.raise({ ...saved, actorId: user.id, durations });
    return { ...detail, retimedOpenSteps };
  }

  async exportBpmn(id: string): Promise<{ fileName: string; xml: string }> {
    const template = await this.get(id);
    const townshipUnit = [{ id: template.townshipId, name: template.townshipName }];
    const input: BpmnTemplateInput = {
      id: template.id,
      version: template.version,
      name: template.name,
      township: { name: template.townshipName, county: template.county },
      steps: template.steps.map((step) => ({
        ...step,
        assignees: step.lane === 'township' ? townshipUnit : step.assignees,
      })),
    };
    return {
      fileName: `template-${template.id}-v${template.version}.bpmn`,
      xml: await buildTemplateBpmn(input),
    };
  }

  private async validateSteps(
    reader: TemplateReader,
    county: string,
    steps: TemplateStepInputDto[],
  ): Promise<void> {
    const problems = findGraphProblems(steps).map((p) => ({
      field: `steps[position=${p.position}]`,
      problem: p.message,
    }));
    const departmentIds = [...new Set(steps.flatMap((step) => step.assigneeDepartmentIds))];
    const known = new Set(await reader.departmentsInCounty(county, departmentIds));
    steps.forEach((step) => {
      const field = `steps[position=${step.position}].assigneeDepartmentIds`;
      if (step.lane === 'department' && step.assigneeDepartmentIds.length === 0)
        problems.push({ field, problem: '部门环节至少需要一个承办部门' });
      if (step.lane === 'township' && step.assigneeDepartmentIds.length > 0)
        problems.push({ field, problem: '乡镇环节由乡镇办理，不能指定部门' });
      step.assigneeDepartmentIds
        .filter((d) => !known.has(d))
        .forEach((d) => problems.push({ field, problem: `部门 ${d} 不存在或不属于${county}` }));
    });
    if (problems.length === 0) return;
    const message = problems.map((p) => `${p.field}: ${p.problem}`).join('；');
    throw new DomainError(ErrorCode.TEMPLATE_INVALID, `模板有误：${message}`, { fields: problems });
  }
}
