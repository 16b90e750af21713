import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertCanViewCase, assertHoldsStep, holdsStep } from 'src/auth/access-policy';
import { AuthUser } from 'src/auth/auth-user';
import { CaseEventType } from 'src/workflow/case-event.entity';
import { CaseStatus } from 'src/workflow/case-status';
import { CaseRow, CasesRepository } from 'src/workflow/cases.repository';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { sha256 } from 'src/common/hash';
import { AppConfigService } from 'src/config/app-config.service';
import { OPEN_STEP_STATUSES } from 'src/domain/step-status';
import { StepRow } from 'src/workflow/steps.repository';
import { WorkflowEngine } from 'src/workflow/workflow-engine.service';
import { UserRole } from 'src/users/user-role';
import { checkMaterialFile, UploadedFile } from './material-file';
import { MaterialStorage } from './material-storage';
import { MATERIAL_MEDIA_TYPES } from './material-type';
import { MaterialRow, MaterialsRepository } from './materials.repository';

export interface MaterialDownload {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

@Injectable()
export class MaterialsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly materials: MaterialsRepository,
    private readonly storage: MaterialStorage,
    private readonly cases: CasesRepository,
    private readonly engine: WorkflowEngine,
    private readonly config: AppConfigService,
  ) {}

  // Checks the file first (type by content, size, name): a refused file writes nothing. Then, under
  // the case lock: the bytes, the row and the audit event in one transaction.
  async upload(
    user: AuthUser,
    caseId: string,
    file: UploadedFile | undefined,
    stepId?: string,
  ): Promise<MaterialRow> {
    if (!file)
      throw new DomainError(ErrorCode.UPLOAD_MISSING, '请选择要上传的附件（multipart 字段 file）', {
        field: 'file',
      });
    const checked = checkMaterialFile(file, this.config.materialMaxBytes);
    if ('problem' in checked) {
      const name = file.originalname.slice(0, 100);
      throw new DomainError(ErrorCode.MATERIAL_REJECTED, `附件“${name}”不能上传：${checked.problem}`, {
        field: 'file',
        fileName: file.originalname,
      });
    }
    const id = await this.engine.run(caseId, user.id, async (work) => {
      const step = this.assertMayAttach(user, work.caseRow, work.steps, stepId);
      const storageKey = await this.storage.put(work.manager, checked.bytes);
      const digest = sha256(checked.bytes);
      const materialId = await this.materials.insert(work.manager, {
        caseId,
        stepId: step?.id ?? null,
        fileName: checked.fileName,
        kind: checked.kind,
        mediaType: MATERIAL_MEDIA_TYPES[checked.kind],
        size: checked.bytes.length,
        sha256: digest,
        storageKey,
        uploadedBy: user.id,
      });
      work.record({
        stepId: step?.id ?? null,
        type: CaseEventType.MaterialUploaded,
        note: checked.fileName,
        data: { materialId, fileName: checked.fileName, size: checked.bytes.length, sha256: digest },
      });
      return materialId;
    });
    return (await this.materials.findById(id)) as MaterialRow;
  }

  async list(user: AuthUser, caseId: string): Promise<MaterialRow[]> {
    await this.viewableCase(user, caseId);
    return this.materials.listForCase(caseId);
  }

  // Everyone who may see the case may download; each download is recorded in the audit trail.
  async download(user: AuthUser, materialId: string): Promise<MaterialDownload> {
    const material = await this.materials.findById(materialId);
    if (!material)
      throw new DomainError(ErrorCode.MATERIAL_NOT_FOUND, `附件 ${materialId} 不存在`, { field: 'id' });
    await this.viewableCase(user, material.caseId);
    return this.engine.run(material.caseId, user.id, async (work) => {
      const bytes = await this.storage.get(work.manager, material.storageKey);
      if (!bytes)
        throw new DomainError(ErrorCode.MATERIAL_NOT_FOUND, `附件“${material.fileName}”的内容不存在`, {
          field: 'id',
        });
      work.record({
        stepId: material.stepId,
        type: CaseEventType.MaterialDownloaded,
        note: material.fileName,
        data: { materialId: material.id, fileName: material.fileName },
      });
      return { fileName: material.fileName, mediaType: material.mediaType, bytes };
    });
  }

  private async viewableCase(user: AuthUser, caseId: string): Promise<CaseRow> {
    const caseRow = await this.cases.findById(this.dataSource.manager, caseId);
    if (!caseRow) throw new DomainError(ErrorCode.CASE_NOT_FOUND, `办件 ${caseId} 不存在`, { field: 'id' });
    assertCanViewCase(user, caseRow);
    return caseRow;
  }

  // Case materials: the case's township, or a department holding an open step of it. Step
  // materials: only the unit holding that step while it is open (e.g. the corrected file of a 补正).
  private assertMayAttach(
    user: AuthUser,
    caseRow: CaseRow,
    steps: StepRow[],
    stepId: string | undefined,
  ): StepRow | undefined {
    assertCanViewCase(user, caseRow);
    if (caseRow.status !== CaseStatus.Open)
      throw new DomainError(ErrorCode.INVALID_TRANSITION, '办件已办结或已撤销，不能再上传附件');
    const holder = (step: StepRow): boolean => holdsStep(user, { ...step, townshipId: caseRow.townshipId });
    if (stepId) {
      const step = steps.find((s) => s.id === stepId);
      if (!step)
        throw new DomainError(ErrorCode.STEP_NOT_FOUND, `环节 ${stepId} 不属于该办件`, { field: 'stepId' });
      assertHoldsStep(user, { ...step, townshipId: caseRow.townshipId });
      if (!OPEN_STEP_STATUSES.includes(step.status))
        throw new DomainError(ErrorCode.INVALID_TRANSITION, '只能给待办理或办理中的环节上传附件', {
          field: 'stepId',
        });
      return step;
    }
    const ownTownship = user.role === UserRole.TownshipStaff && user.townshipId === caseRow.townshipId;
    const holdsOpenStep = steps.some((step) => OPEN_STEP_STATUSES.includes(step.status) && holder(step));
    if (!ownTownship && !holdsOpenStep)
      throw new DomainError(ErrorCode.FORBIDDEN, '只有开办乡镇或正在办理该办件的单位可以上传附件');
    return undefined;
  }
}
