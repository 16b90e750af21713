import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DutiesRepository, DutyWrite, ExistingDuty } from 'src/duties/duties.repository';
import { OrganizationsRepository } from 'src/organizations/organizations.repository';
import { TemplatesRepository } from 'src/templates/templates.repository';
import { sha256 } from 'src/common/hash';
import { ImportResult } from './import.entity';
import { DutyListDocumentsRepository } from './duty-list-documents.repository';
import { parseDutyListInThread, stopParserThread } from './parser/parse-in-thread';
import { ParsedDutyList } from './duty-list.types';
import { DutyListKind } from 'src/domain/vocabulary';
import { DutyListParseError } from './duty-list-parse.error';
import {
  buildTemplateSteps,
  departmentAliases,
  departmentNames,
  dutyWrites,
  derivedTemplateHash,
  findDuplicateRowNumbers,
  templateSourceHash,
} from './import-plan';
import { diffSteps } from 'src/templates/template-provenance';
import { DUTY_LIST_LABELS } from 'src/domain/duty-list-kind';

export type ProgressListener = (percent: number) => void | Promise<void>;

// Writes one parsed document in one transaction, keyed by natural keys: the same document again
// changes nothing; a changed one updates its rows and adds template versions (running cases keep theirs).
@Injectable()
export class DutyListImporter implements OnApplicationShutdown {
  private readonly logger = new Logger(DutyListImporter.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsRepository,
    private readonly duties: DutiesRepository,
    private readonly templates: TemplatesRepository,
    private readonly documents: DutyListDocumentsRepository,
  ) {}

  // The parser thread (shared by uploads and imports) goes with the process.
  onApplicationShutdown(): Promise<void> {
    return stopParserThread();
  }

  // Parses first (throws DutyListParseError before anything is written), then imports.
  async importFile(content: Buffer, fileName: string, onProgress?: ProgressListener): Promise<ImportResult> {
    const parsed = await parseDutyListInThread(content, fileName); // off the event loop
    return this.importParsed(parsed, { fileName, content }, onProgress);
  }

  async importParsed(
    parsed: ParsedDutyList,
    source: { fileName: string; content: Buffer },
    onProgress: ProgressListener = () => undefined,
  ): Promise<ImportResult> {
    assertNoDuplicateRows(parsed, source.fileName);
    const result = await this.dataSource.transaction((manager) =>
      this.write(manager, parsed, source, onProgress),
    );
    this.logger.log(
      `imported ${source.fileName} (${result.township}): duties +${result.duties.created} ~${result.duties.updated} ` +
        `=${result.duties.unchanged} -${result.duties.retired}; templates +${result.templates.created} ` +
        `flagged ${result.templates.flagged}`,
    );
    return result;
  }

  private async write(
    manager: EntityManager,
    parsed: ParsedDutyList,
    source: { fileName: string; content: Buffer },
    onProgress: ProgressListener,
  ): Promise<ImportResult> {
    await this.organizations.lockTownshipForImport(manager, parsed.township);
    const township = await this.organizations.ensureTownship(manager, parsed.township);
    const contentHash = sha256(source.content);
    const existingDocumentId = await this.documents.findIdByHash(manager, township.id, contentHash);
    const documentId =
      existingDocumentId ??
      (await this.documents.insert(manager, {
        townshipId: township.id,
        fileName: source.fileName,
        contentHash,
        sizeBytes: source.content.length,
        counts: {
          basic: parsed.basic.length,
          cooperative: parsed.cooperative.length,
          withdrawn: parsed.withdrawn.length,
        },
        warnings: parsed.warnings,
      }));
    await onProgress(10);

    const county = parsed.township.county;
    const names = departmentNames(parsed);
    const departments = await this.organizations.ensureDepartments(
      manager,
      county,
      names.map((name) => ({ name, aliases: departmentAliases(name, county) })),
    );
    await onProgress(20);

    const rows = dutyWrites(parsed, township.id, departments.ids);
    const dutyStats = await this.upsertDuties(manager, township.id, rows, onProgress);
    const templateStats = await this.upsertTemplates(
      manager,
      parsed,
      township.id,
      departments.ids,
      documentId,
    );
    await onProgress(100);

    return {
      documentId,
      townshipId: township.id,
      township: `${parsed.township.county}${parsed.township.name}`,
      documentUnchanged: existingDocumentId !== null,
      counts: {
        basic: parsed.basic.length,
        cooperative: parsed.cooperative.length,
        withdrawn: parsed.withdrawn.length,
      },
      duties: dutyStats,
      templates: templateStats,
      departments: { created: departments.created },
      warnings: parsed.warnings.length,
    };
  }

  private async upsertDuties(
    manager: EntityManager,
    townshipId: string,
    rows: DutyWrite[],
    onProgress: ProgressListener,
  ): Promise<ImportResult['duties']> {
    const existing = new Map<string, ExistingDuty>(
      (await this.duties.findByTownship(manager, townshipId)).map((duty) => [
        `${duty.list}:${duty.no}`,
        duty,
      ]),
    );
    const stats = { created: 0, updated: 0, unchanged: 0, retired: 0 };
    const seen = new Set<string>();
    for (const [index, row] of rows.entries()) {
      const key = `${row.list}:${row.no}`;
      seen.add(key);
      const current = existing.get(key);
      if (!current) {
        await this.duties.insert(manager, row);
        stats.created += 1;
      } else if (current.contentHash !== row.contentHash || !current.active) {
        await this.duties.update(manager, current.id, row);
        stats.updated += 1;
      } else {
        stats.unchanged += 1;
      }
      if (index % 25 === 0) await onProgress(20 + Math.round((index / rows.length) * 60));
    }
    const retired = [...existing.entries()]
      .filter(([key, duty]) => !seen.has(key) && duty.active)
      .map(([, duty]) => duty.id);
    await this.duties.retire(manager, retired);
    stats.retired = retired.length;
    return stats;
  }

  private async upsertTemplates(
    manager: EntityManager,
    parsed: ParsedDutyList,
    townshipId: string,
    departmentIds: ReadonlyMap<string, string>,
    documentId: string,
  ): Promise<ImportResult['templates']> {
    const dutyIds = new Map(
      (await this.duties.findByTownship(manager, townshipId))
        .filter((duty) => duty.list === 'cooperative')
        .map((duty) => [duty.no, duty.id]),
    );
    const latest = await this.templates.latestVersions(manager, [...dutyIds.values()]);
    const stats = { created: 0, unchanged: 0, flagged: 0 };
    for (const row of parsed.cooperative) {
      const dutyId = dutyIds.get(row.no);
      if (!dutyId) continue;
      const sourceHash = templateSourceHash(row);
      const contentHash = derivedTemplateHash(sourceHash);
      const current = latest.get(dutyId);
      // A person's version is never replaced by the importer: a changed row only raises a flag.
      const personKeeps = current?.origin === 'person';
      const unchanged = personKeeps
        ? current.sourceHash === sourceHash || current.pendingSourceHash === sourceHash
        : current?.contentHash === contentHash;
      if (unchanged) {
        stats.unchanged += 1;
        continue;
      }
      const derived = buildTemplateSteps(row, departmentIds, parsed.township);
      if (personKeeps) {
        await this.flagDocumentUpdate(
          manager,
          current.id,
          documentId,
          sourceHash,
          contentHash,
          row.name,
          derived,
        );
        stats.flagged += 1;
        continue;
      }
      await this.templates.insertVersion(manager, {
        dutyId,
        version: (current?.version ?? 0) + 1,
        name: row.name,
        contentHash,
        sourceHash,
        origin: 'document',
        needsReview: derived.needsReview,
        documentId,
        steps: derived.steps,
      });
      stats.created += 1;
    }
    return stats;
  }

  private async flagDocumentUpdate(
    manager: EntityManager,
    templateId: string,
    documentId: string,
    sourceHash: string,
    contentHash: string,
    name: string,
    derived: ReturnType<typeof buildTemplateSteps>,
  ): Promise<void> {
    const current = await this.templates.reader(manager).findSteps(templateId);
    await this.templates.flagDocumentUpdate(manager, templateId, {
      sourceHash,
      documentId,
      detectedAt: new Date().toISOString(),
      differences: diffSteps(current, derived.steps),
      proposed: { name, contentHash, needsReview: derived.needsReview, steps: derived.steps },
    });
  }
}

function assertNoDuplicateRows(parsed: ParsedDutyList, fileName: string): void {
  const duplicate = findDuplicateRowNumbers(parsed)[0];
  if (!duplicate) return;
  const label = DUTY_LIST_LABELS[duplicate.list as DutyListKind];
  throw new DutyListParseError(
    fileName,
    duplicate.lines[1],
    `${label}序号 ${duplicate.no} 重复（另见第 ${duplicate.lines[0]} 行），请更正序号后重新导入`,
  );
}
