import { api } from './client';
import { unwrap } from './errors';
import type { Schemas } from './types';

export type Material = Schemas['MaterialResponseDto'];

// 材料 of a case: the list, one upload (multipart; the server identifies the type by content and
// refuses without writing anything), and the download link (the browser sends the session cookie).
export async function listMaterials(caseId: string): Promise<Material[]> {
  return unwrap(api.GET('/api/cases/{id}/materials', { params: { path: { id: caseId } } }));
}

export async function uploadMaterial(caseId: string, file: File, stepId?: string): Promise<Material> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (stepId) form.append('stepId', stepId);
  return unwrap(
    api.POST('/api/cases/{id}/materials', {
      params: { path: { id: caseId } },
      // The typed body documents the fields; what is sent is the FormData above.
      body: { file: file.name, stepId },
      bodySerializer: () => form,
    }),
  );
}

export function materialDownloadUrl(material: Pick<Material, 'id'>): string {
  return `/api/materials/${encodeURIComponent(material.id)}/content`;
}
