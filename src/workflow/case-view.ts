import { ApplicantResponseDto } from 'src/applicants/applicant.dto';
import { toApplicantResponse } from 'src/applicants/applicant';
import { CaseFieldValues, maskCaseFields } from 'src/applicants/case-fields';
import { maskPersonalData } from 'src/common/personal-data/masking';
import { CaseRow } from './cases.repository';

type ApplicantColumnName =
  'applicantIdNumber' | 'applicantPhone' | 'applicantVillage' | 'applicantAddress' | 'applicantRemarks';

// A case as the API shows it: the applicant as one object, 公民身份号码 and phone masked unless the
// caller may see them in full (case view for the units concerned; lists, exports: always masked).
export interface CaseView extends Omit<CaseRow, ApplicantColumnName> {
  applicant: ApplicantResponseDto;
  extraFields: CaseFieldValues | null;
}

export function toCaseView(row: CaseRow, fullPersonalData: boolean): CaseView {
  const {
    applicantIdNumber: _id,
    applicantPhone: _phone,
    applicantVillage: _village,
    applicantAddress: _address,
    applicantRemarks: _remarks,
    ...rest
  } = row;
  return {
    ...rest,
    // Numbers typed into free text are masked too wherever the structured ones are.
    title: fullPersonalData ? row.title : maskPersonalData(row.title),
    note: fullPersonalData ? row.note : maskPersonalData(row.note),
    applicant: toApplicantResponse(row, fullPersonalData),
    extraFields: fullPersonalData ? row.extraFields : maskCaseFields(row.caseFields, row.extraFields),
  };
}
