import { normalizeIdentityNumber } from 'src/common/personal-data/identity-number';
import { maskIdentityNumber, maskPhoneNumber } from 'src/common/personal-data/masking';
import { normalizePhoneNumber } from 'src/common/personal-data/phone-number';
import { ApplicantInputDto, ApplicantResponseDto } from './applicant.dto';

// The applicant columns of a case, as stored (identity number and phone normalised).
export interface ApplicantColumns {
  subject: string; // the applicant's name (kept under its old column name)
  applicantIdNumber: string | null;
  applicantPhone: string | null;
  applicantVillage: string | null;
  applicantAddress: string | null;
  applicantRemarks: string | null;
}

export function toApplicantColumns(input: ApplicantInputDto): ApplicantColumns {
  return {
    subject: input.name.trim(),
    applicantIdNumber: input.idNumber ? normalizeIdentityNumber(input.idNumber) : null,
    applicantPhone: input.phone ? normalizePhoneNumber(input.phone) : null,
    applicantVillage: input.village?.trim() || null,
    applicantAddress: input.address?.trim() || null,
    applicantRemarks: input.remarks?.trim() || null,
  };
}

// Full values only when the caller may see them (see access-policy canSeePersonalData).
export function toApplicantResponse(row: ApplicantColumns, full: boolean): ApplicantResponseDto {
  return {
    name: row.subject,
    idNumber: full ? row.applicantIdNumber : maskIdentityNumber(row.applicantIdNumber),
    phone: full ? row.applicantPhone : maskPhoneNumber(row.applicantPhone),
    village: row.applicantVillage,
    address: full ? row.applicantAddress : null,
    remarks: row.applicantRemarks,
    masked: !full,
  };
}
