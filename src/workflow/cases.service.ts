import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertCanViewCase,
  assertMayCancelCase,
  assertMayOpenCases,
  assertMayUseTemplate,
  caseScopeOf,
} from 'src/auth/access-policy';
import { canSeePersonalData } from 'src/auth/access-policy';
import { ApplicantColumns, toApplicantColumns } from 'src/applicants/applicant';
import { checkCaseFields } from 'src/applicants/case-fields';
import { openedBetween } from 'src/common/validation/date-range';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { isUnfinishedStep, StepStatus } from 'src/domain/step-status';
import {
  TemplateReader,
  TemplateRow,
  TemplateStepRow,
  TemplatesRepository,
} from 'src/templates/templates.repository';
import { CaseEventType } from './case-event.entity';
import { CaseEventRow, CaseEventsRepository } from './case-events.repository';
import { CaseStatus } from './case-status';
import { CasesRepository } from './cases.repository';
import { CaseView, toCaseView } from './case-view';
import { CancelCaseDto, CreateCaseDto, ListCasesQueryDto } from './dto/case.dto';
import { NewStep, StepRow, StepsRepository } from './steps.repository';
import { WorkflowEngine } from './workflow-engine.service';

export interface CaseDetail extends CaseView {
  steps: StepRow[];
}

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly steps: StepsRepository,
    private readonly events: CaseEventsRepository,
    private readonly templates: TemplatesRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  // Creates the case and all its steps in one transaction; steps without dependencies start at once.
  async open(user: AuthUser, input: CreateCaseDto): Promise<CaseDetail> {
    assertMayOpenCases(user);
    let templateVersion = 0;
    const insertCase = async (manager: EntityManager): Promise<string> => {
      const reader = this.templates.reader(manager);
      const template = await templateToOpen(reader, input);
      assertMayUseTemplate(user, template);
      templateVersion = template.version;
      const applicant = applicantOf(input);
      const extra = checkCaseFields(template.caseFields, input.extraFields ?? {});
      if (extra.problems.length > 0) {
        const message = extra.problems.map((p) => `${p.field}: ${p.problem}`).join('；');
        throw new DomainError(ErrorCode.VALIDATION_FAILED, `请求参数有误：${message}`, {
          fields: extra.problems.map((p) => ({ field: p.field, problems: [p.problem] })),
        });
      }
      const steps = applyDueDays(
        selectSteps(await reader.findSteps(template.id), input.sections),
        input.stepDueDays,
      );
      const id = await this.cases.insert(manager, {
        templateId: template.id,
        townshipId: template.townshipId,
        title: input.title?.trim() || `${applicant.subject} ${template.name}`.slice(0, 200),
        ...applicant,
        extraFields: Object.keys(extra.values).length > 0 ? extra.values : null,
        note: input.note?.trim() || null,
        sections: input.sections ?? null,
        createdBy: user.id,
      });
      await this.steps.insertMany(manager, id, steps);
      return id;
    };
    const caseId = await this.engine.open(user.id, insertCase, async (work) => {
      work.record({
        stepId: null,
        type: CaseEventType.CaseOpened,
        toStatus: CaseStatus.Open,
        note: input.note ?? null,
        data: { templateVersion, sections: input.sections ?? null },
      });
      await this.engine.advance(work);
      return work.caseRow.id;
    });
    return this.get(user, caseId);
  }

  async list(
    user: AuthUser,
    query: ListCasesQueryDto,
  ): Promise<{ items: CaseView[]; total: number; page: number; pageSize: number }> {
    const { rows, total } = await this.cases.list(caseScopeOf(user), {
      status: query.status,
      townshipId: query.township,
      templateId: query.template,
      dutyId: query.duty,
      departmentId: query.department,
      createdBy: query.mine ? user.id : undefined,
      ...openedBetween(query.from, query.to),
      q: query.q?.trim() || undefined,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    // Lists always mask: the full values are shown only in one case's view.
    return {
      items: rows.map((row) => toCaseView(row, false)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(user: AuthUser, id: string): Promise<CaseDetail> {
    const found = await this.cases.findById(this.dataSource.manager, id);
    if (!found) throw new DomainError(ErrorCode.CASE_NOT_FOUND, `办件 ${id} 不存在`, { field: 'id' });
    assertCanViewCase(user, found);
    const manager = this.dataSource.manager;
    const heldDepartmentIds = await this.cases.heldDepartmentIds(manager, id);
    const full = canSeePersonalData(user, { ...found, heldDepartmentIds });
    return { ...toCaseView(found, full), steps: await this.steps.findByCase(manager, id) };
  }

  async listEvents(user: AuthUser, id: string): Promise<CaseEventRow[]> {
    await this.get(user, id);
    return this.events.listForCase(id);
  }

  // Township staff of the case's township (or an admin) withdraw it; unfinished steps are cancelled.
  async cancel(user: AuthUser, id: string, input: CancelCaseDto): Promise<CaseDetail> {
    await this.engine.run(id, user.id, async (work) => {
      assertCanViewCase(user, work.caseRow);
      assertMayCancelCase(user, work.caseRow);
      await this.engine.setCaseStatus(work, CaseStatus.Cancelled, input.reason);
      for (const step of work.steps.filter((s) => isUnfinishedStep(s.status))) {
        await this.engine.transition(work, step, StepStatus.Cancelled, {}, input.reason);
      }
    });
    return this.get(user, id);
  }
}

// Which template version a new case follows, in one place: the duty's latest when the caller names the
// duty; a template id only while it is the latest (an older version's id is refused with 409 naming the
// latest, so a stale form never opens a case on a superseded flow). The duty stays share-locked until
// commit, so no edit adds a version in between.
async function templateToOpen(reader: TemplateReader, input: CreateCaseDto): Promise<TemplateRow> {
  if (!input.dutyId && !input.templateId)
    throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误：templateId 与 dutyId 至少填写一项', {
      fields: [{ field: 'templateId', problems: ['templateId 与 dutyId 至少填写一项'] }],
    });
  const named = input.templateId ? await reader.findById(input.templateId) : null;
  if (input.templateId && !named)
    throw new DomainError(ErrorCode.TEMPLATE_NOT_FOUND, `流程模板 ${input.templateId} 不存在`, {
      field: 'templateId',
    });
  const dutyId = input.dutyId ?? (named as TemplateRow).dutyId;
  if (named && named.dutyId !== dutyId)
    throw new DomainError(ErrorCode.CASE_INVALID, `流程模板 ${named.id} 不属于履职事项 ${dutyId}`, {
      field: 'templateId',
    });
  await reader.shareDuty(dutyId);
  const latest = await reader.findLatestOfDuty(dutyId);
  if (!latest)
    throw new DomainError(ErrorCode.TEMPLATE_NOT_FOUND, `履职事项 ${dutyId} 没有流程模板`, {
      field: 'dutyId',
    });
  if (named && !input.dutyId && named.id !== latest.id)
    throw new DomainError(
      ErrorCode.TEMPLATE_OUTDATED,
      `流程模板“${latest.name}”已有第 ${latest.version} 版（templateId ${latest.id}），第 ${named.version} 版不能再开办件；请使用最新版本，或改传 dutyId 按最新版本开办`,
      { field: 'templateId', latestTemplateId: latest.id, latestVersion: latest.version },
    );
  return latest;
}

// The case copies its template's steps; with `sections`, only steps outside any section and steps
// of the chosen sections (the 一、二、 sub-processes) are kept.
function selectSteps(templateSteps: TemplateStepRow[], sections: string[] | undefined): NewStep[] {
  if (sections) {
    const known = new Set(templateSteps.map((step) => step.section).filter((s): s is string => s !== null));
    const unknown = sections.filter((section) => !known.has(section));
    if (unknown.length > 0) {
      const offered = known.size > 0 ? `可选：${[...known].join('；')}` : '该模板没有子流程';
      throw new DomainError(ErrorCode.CASE_INVALID, `子流程不存在：${unknown.join('；')}。${offered}`, {
        field: 'sections',
      });
    }
  }
  return templateSteps
    .filter((step) => !sections || step.section === null || sections.includes(step.section))
    .map((step) => ({
      templateStepId: step.id,
      position: step.position,
      lane: step.lane,
      section: step.section,
      order: step.order,
      text: step.text,
      assigneeDepartmentIds: step.assigneeDepartmentIds,
      dependsOn: step.dependsOn,
      dueWorkingDays: step.dueWorkingDays,
      optional: step.optional,
      standing: step.standing,
    }));
}

// Per-case durations for some steps (e.g. a complicated application gets more time).
function applyDueDays(
  steps: NewStep[],
  overrides: { position: number; dueWorkingDays: number }[] | undefined,
): NewStep[] {
  if (!overrides) return steps;
  const byPosition = new Map(overrides.map((o) => [o.position, o.dueWorkingDays]));
  const unknown = [...byPosition.keys()].filter(
    (position) => !steps.some((step) => step.position === position),
  );
  if (unknown.length > 0) {
    throw new DomainError(ErrorCode.CASE_INVALID, `本办件没有序号为 ${unknown.join('、')} 的环节`, {
      field: 'stepDueDays',
    });
  }
  return steps.map((step) => ({
    ...step,
    dueWorkingDays: byPosition.get(step.position) ?? step.dueWorkingDays,
  }));
}

// The structured applicant, or (older clients) only a name given as `subject`.
function applicantOf(input: CreateCaseDto): ApplicantColumns {
  if (input.applicant) return toApplicantColumns(input.applicant);
  if (input.subject) return toApplicantColumns({ name: input.subject });
  throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误：applicant.name: 请填写办理对象姓名', {
    fields: [{ field: 'applicant.name', problems: ['请填写办理对象姓名'] }],
  });
}
