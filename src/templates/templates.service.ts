import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertMayEditTemplate } from 'src/auth/access-policy';
import { AuthUser } from 'src/auth/auth-user';
import { DomainEvents } from 'src/common/events/domain-events';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { sha256 } from 'src/common/hash';
import { OrganizationsRepository } from 'src/organizations/organizations.repository';
import { findGraphProblems } from 'src/domain/workflow';
import { findStandingProblems } from './template-edit';
import { BpmnTemplateInput } from './bpmn/bpmn-input';
import { buildTemplateBpmn } from './bpmn/template-bpmn';
import { ListTemplatesQueryDto, ResolveDocumentUpdateDto, UpdateTemplateDto } from './dto/template.dto';
import { editedStepWrites } from './template-edit';
import {
  TemplateReader,
  TemplateRow,
  TemplatesRepository,
  TemplateStepRow,
  TemplateStepWrite,
} from './templates.repository';

export interface TemplateDetail extends TemplateRow {
  steps: TemplateStepRow[];
  sections: string[];
  // Only after a save with retimeOpenCases: the open cases' re-timing was queued (it runs as a job).
  retimeOpenCasesQueued?: boolean;
}

@Injectable()
export class TemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: TemplatesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly events: DomainEvents,
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
      needsReview: query.needsReview,
      documentUpdated: query.documentUpdated,
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
    const newId = await this.dataSource.transaction(async (manager) => {
      const reader = this.templates.reader(manager);
      const current = await this.lockLatestForEdit(user, id, reader);
      const steps = editedStepWrites(current.steps, input.steps);
      await this.validateSteps(reader, current.county, steps);
      // A person's version: the importer never replaces it; it rests on the same document row as before,
      // and a pending 文件已更新 flag stays until someone resolves it.
      return this.templates.insertVersion(manager, {
        dutyId: current.dutyId,
        version: current.version + 1,
        name: current.name,
        contentHash: sha256(JSON.stringify(steps)),
        sourceHash: current.sourceHash,
        origin: 'person',
        needsReview: false,
        documentId: null,
        steps,
        documentUpdate: current.documentUpdate,
      });
    });
    const detail = await this.get(newId);
    if (!input.retimeOpenCases) return detail;
    // Awaited so that the job is queued before the answer; the re-timing itself runs in the worker.
    await this.events.publish('template.durations-changed', { templateId: newId, actorId: user.id });
    return { ...detail, retimeOpenCasesQueued: true };
  }

  // 文件已更新，待复核: keep the person's version (the flag goes, the version now rests on the new row),
  // or adopt what the document derives as a new document version.
  async resolveDocumentUpdate(
    user: AuthUser,
    id: string,
    input: ResolveDocumentUpdateDto,
  ): Promise<TemplateDetail> {
    const resultId = await this.dataSource.transaction(async (manager) => {
      const reader = this.templates.reader(manager);
      const current = await this.lockLatestForEdit(user, id, reader);
      const update = current.documentUpdate;
      if (!update) {
        throw new DomainError(ErrorCode.TEMPLATE_NO_DOCUMENT_UPDATE, '该模板没有待复核的文件更新', {
          field: 'id',
        });
      }
      if (input.action === 'keep') {
        await this.templates.keepAgainstDocument(manager, current.id, update.sourceHash);
        return current.id;
      }
      await this.templates.clearDocumentUpdate(manager, current.id);
      return this.templates.insertVersion(manager, {
        dutyId: current.dutyId,
        version: current.version + 1,
        name: update.proposed.name,
        contentHash: update.proposed.contentHash,
        sourceHash: update.sourceHash,
        origin: 'document',
        needsReview: update.proposed.needsReview,
        documentId: update.documentId,
        steps: update.proposed.steps,
      });
    });
    return this.get(resultId);
  }

  // The version being changed must be the latest (409 otherwise), in the caller's county, duty locked.
  private async lockLatestForEdit(
    user: AuthUser,
    id: string,
    reader: TemplateReader,
  ): Promise<TemplateDetail> {
    const current = await this.get(id, reader);
    assertMayEditTemplate(user, current);
    await reader.lockDuty(current.dutyId);
    const latest = (await reader.findById(id)) as TemplateRow;
    if (latest.latestVersion !== current.version) {
      throw new DomainError(
        ErrorCode.TEMPLATE_OUTDATED,
        `该模板已有更新的第 ${latest.latestVersion} 版，请在最新版本上修改`,
        { latestVersion: latest.latestVersion },
      );
    }
    return { ...current, documentUpdate: latest.documentUpdate };
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
    steps: TemplateStepWrite[],
  ): Promise<void> {
    const problems = [...findGraphProblems(steps), ...findStandingProblems(steps)].map((p) => ({
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
