// Human words for the domain's codes, in one place.
import type { Acknowledgement } from '../../../core/api/contract';
import type { AbsenceStatus, AbsenceType, FacultyRole, PersonKind, RotationSetting } from '../../../core/domain/types';

export const KIND_LABELS: Record<PersonKind, string> = {
  resident: 'Resident',
  faculty: 'Faculty',
  student: 'Medical student',
  intern: 'Rotating intern',
};

export const ROLE_LABELS: Record<FacultyRole, string> = {
  pd: 'Program director',
  apd: 'Associate PD',
  oic: 'Officer in charge',
  chief: 'Department chief',
  sports_med: 'Sports medicine',
  core: 'Core faculty',
  adjunct: 'Adjunct',
};

export const ABSENCE_LABELS: Record<AbsenceType, string> = {
  vacation: 'Vacation',
  conference: 'Conference',
  deployment: 'Deployment',
  tdy: 'TDY',
  family_emergency: 'Family emergency',
  bereavement: 'Bereavement',
  emergency_leave: 'Emergency leave',
  convalescent: 'Convalescent',
  parental: 'Parental leave',
  medical: 'Medical',
  sick: 'Sick',
};

export const ABSENCE_STATUS_LABELS: Record<AbsenceStatus, string> = {
  requested: 'Requested',
  approved: 'Approved',
  denied: 'Denied',
};

export const SETTING_LABELS: Record<RotationSetting, string> = {
  inpatient: 'Inpatient',
  outpatient: 'Outpatient',
  offsite: 'Off-site',
};

export type AckReasonCode = Acknowledgement['reasonCode'];

/** Why a finding was acknowledged (Compliance and a draft's findings: one list). */
export const ACK_REASON_LABELS: Record<AckReasonCode, string> = {
  clinical_necessity: 'Clinical necessity',
  staffing_shortage: 'Staffing shortage',
  approved_exception: 'Approved exception',
  resident_request: 'Resident request',
  data_error: 'Data error (the finding is wrong)',
  other: 'Other',
};
export const ACK_REASON_CODES = Object.keys(ACK_REASON_LABELS) as AckReasonCode[];
