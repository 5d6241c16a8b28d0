// The standard catalog of activities and call types (DOMAIN.md's codes with the reference
// program's duty times). A new program starts with it; every entry stays editable per program.
import type { Activity, ActivityCategory, CallType, TimeRange } from '../domain/types';

const DAY_AM: TimeRange = { start: '08:00', end: '12:00' };
const DAY_PM: TimeRange = { start: '13:00', end: '17:00' };
const WARD_AM: TimeRange = { start: '07:00', end: '12:00' };
const WARD_PM: TimeRange = { start: '12:00', end: '18:00' };

interface Spec {
  name: string;
  category: ActivityCategory;
  am: TimeRange | null;
  pm: TimeRange | null;
  color: string;
  needsSupervision?: boolean;
  providesSupervision?: boolean;
  protected?: boolean;
  /** Defaults to true for clinical and educational work, false for time off. */
  countsTowardDutyHours?: boolean;
  /** Defaults to true for clinical work (new patient care), false otherwise. */
  patientCare?: boolean;
  countsTowardClinicCapacity?: boolean;
  extraSupervisionUnits?: number;
  location?: string | null;
}

// Only clinic work needs our faculty's supervision; wards and specialty rotations are
// supervised by their own attendings.
const clinical = (name: string, color: string, extra: Partial<Spec> = {}): Spec => ({
  name,
  category: 'clinical',
  am: DAY_AM,
  pm: DAY_PM,
  color,
  ...extra,
});
const ward = (name: string, color: string, extra: Partial<Spec> = {}): Spec =>
  clinical(name, color, { am: WARD_AM, pm: WARD_PM, ...extra });
const timeOff = (name: string, color: string, extra: Partial<Spec> = {}): Spec => ({
  name,
  category: 'time_off',
  am: DAY_AM,
  pm: DAY_PM,
  color,
  countsTowardDutyHours: false,
  ...extra,
});

const SPECS: Record<string, Spec> = {
  // Continuity clinic and supervision.
  C: clinical('Clinic', '#4caf50', {
    needsSupervision: true,
    countsTowardClinicCapacity: true,
    location: 'Family Health Clinic',
  }),
  CV: clinical('Virtual clinic', '#81c784', { needsSupervision: true, location: 'Virtual' }),
  AT: clinical('Attending (precepting)', '#2e7d32', { providesSupervision: true, location: 'Family Health Clinic' }),
  PCAT: clinical('Post-call attending', '#388e3c', { providesSupervision: true, pm: null }),
  PROC: clinical('Procedures', '#00897b', {
    needsSupervision: true,
    countsTowardClinicCapacity: true,
    extraSupervisionUnits: 4,
    location: 'Procedure room',
  }),
  VAS: clinical('Vasectomy clinic', '#00695c', {
    needsSupervision: true,
    countsTowardClinicCapacity: true,
    extraSupervisionUnits: 4,
    location: 'Procedure room',
  }),
  SM: clinical('Sports medicine', '#0097a7', { location: 'Sports Medicine Clinic' }),
  // Inpatient and night work.
  FMIT: ward('Family medicine inpatient team', '#1565c0', {
    pm: { start: '12:00', end: '19:00' },
    location: 'Hospital wards',
  }),
  NF: clinical('Night float', '#283593', {
    am: null,
    pm: { start: '19:00', end: '07:00' },
    location: 'Hospital wards',
  }),
  OB: ward('Labor and delivery', '#ad1457', { location: 'Labor & Delivery' }),
  PEDS: ward('Inpatient pediatrics', '#f57c00', { location: 'Pediatric ward' }),
  NICU: ward('Newborn nursery / NICU', '#ef6c00', { location: 'Nursery' }),
  EM: clinical('Emergency medicine', '#c62828', {
    am: { start: '07:00', end: '13:00' },
    pm: { start: '13:00', end: '19:00' },
    location: 'Emergency department',
  }),
  ICU: ward('Intensive care', '#b71c1c', { location: 'ICU' }),
  IM: ward('Internal medicine wards', '#3949ab', { location: 'Hospital wards' }),
  SURG: ward('General surgery', '#6d4c41', { location: 'Operating rooms' }),
  // Outpatient specialty rotations.
  CARD: clinical('Cardiology', '#e53935'),
  GER: clinical('Geriatrics', '#8d6e63'),
  BH: clinical('Behavioral health', '#7e57c2'),
  GYN: clinical('Gynecology', '#d81b60'),
  ORTH: clinical('Orthopedics', '#5d4037'),
  DERM: clinical('Dermatology', '#ff8a65'),
  PEDC: clinical('Pediatric clinic', '#ffb74d'),
  CMTY: clinical('Community medicine', '#9ccc65'),
  ELEC: clinical('Elective', '#26a69a'),
  OFFS: clinical('Off-site rotation', '#78909c', { location: 'Off-site' }),
  // Education and administration.
  LEC: {
    name: 'Lecture',
    category: 'educational',
    am: DAY_AM,
    pm: DAY_PM,
    color: '#fdd835',
    protected: true,
    location: 'Conference room',
  },
  ADV: { name: 'Advising', category: 'educational', am: DAY_AM, pm: DAY_PM, color: '#fbc02d', protected: true },
  SIM: {
    name: 'Simulation',
    category: 'educational',
    am: DAY_AM,
    pm: DAY_PM,
    color: '#f9a825',
    location: 'Simulation center',
  },
  ORI: { name: 'Orientation', category: 'educational', am: DAY_AM, pm: DAY_PM, color: '#fff176' },
  RES: { name: 'Research / scholarly', category: 'educational', am: DAY_AM, pm: DAY_PM, color: '#cddc39' },
  GME: { name: 'GME administration', category: 'administrative', am: DAY_AM, pm: DAY_PM, color: '#90a4ae' },
  DFM: { name: 'Department administration', category: 'administrative', am: DAY_AM, pm: DAY_PM, color: '#b0bec5' },
  // Time off and absence.
  DO: timeOff('Post-call afternoon off', '#e0e0e0', { am: null }),
  PC: timeOff('Post-call day', '#eeeeee'),
  OFF: timeOff('Off', '#f5f5f5'),
  W: timeOff('Weekend', '#fafafa'),
  LV: timeOff('Leave', '#ffcdd2'),
  TDY: timeOff('Temporary duty', '#d1c4e9'),
  DEP: timeOff('Deployment', '#c5cae9'),
  HOL: timeOff('Holiday', '#ffe0b2'),
};

export function standardActivities(): Activity[] {
  return Object.entries(SPECS).map(([code, s]) => ({
    code,
    name: s.name,
    category: s.category,
    needsSupervision: s.needsSupervision ?? false,
    providesSupervision: s.providesSupervision ?? false,
    protected: s.protected ?? false,
    countsTowardDutyHours: s.countsTowardDutyHours ?? s.category !== 'time_off',
    patientCare: s.patientCare ?? s.category === 'clinical',
    countsTowardClinicCapacity: s.countsTowardClinicCapacity ?? false,
    extraSupervisionUnits: s.extraSupervisionUnits ?? 0,
    am: s.am ? { ...s.am } : null,
    pm: s.pm ? { ...s.pm } : null,
    color: s.color,
    location: s.location ?? null,
  }));
}

export function standardCallTypes(): CallType[] {
  return [
    {
      code: 'OC',
      name: 'Faculty overnight call (Sun–Thu)',
      start: '17:00',
      end: '07:00',
      inHouse: false,
      for: 'faculty',
      countsTowardDutyHours: true,
      clockChange: 'scheduled_hours',
    },
    {
      code: 'WKND',
      name: 'Faculty weekend night call (Fri–Sat)',
      start: '19:00',
      end: '07:00',
      inHouse: false,
      for: 'faculty',
      countsTowardDutyHours: true,
      clockChange: 'scheduled_hours',
    },
    {
      code: 'BU',
      name: 'Backup call',
      start: '17:00',
      end: '07:00',
      inHouse: false,
      for: 'faculty',
      countsTowardDutyHours: false,
      clockChange: 'scheduled_hours',
    },
    {
      code: 'LD',
      name: 'Labor & delivery 24-hour call',
      start: '07:00',
      end: '07:00',
      inHouse: true,
      for: 'resident',
      countsTowardDutyHours: true,
      clockChange: 'scheduled_hours',
    },
  ];
}
