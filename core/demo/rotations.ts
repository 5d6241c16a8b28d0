// The reference program's rotation templates: weekly patterns, leave eligibility, exemptions
// from standing rules, and each rotation's own day activity. Pattern cells left null are chosen
// by the scheduler (here: the demo generator) against the rotation's weekly targets.
import type { PatternCell, PatternWeek, Rotation, RotationSetting } from '../domain/types';

/** Ids of the standing program rules the demo applies (rotations list the ones they skip). */
export const STANDING = {
  wednesdayLecture: 'wednesday_lecture',
  blockEndAdvising: 'block_end_advising',
  pgy1WednesdayClinic: 'pgy1_wednesday_clinic',
} as const;

type Cell = string | null;
/** [AM, PM] per ISO weekday 1 … 7. */
type DaySpec = [Cell, Cell];
type WeekSpec = [DaySpec, DaySpec, DaySpec, DaySpec, DaySpec, DaySpec, DaySpec];

const PROTECTED = new Set(['LEC', 'ADV']);
const cell = (code: Cell): PatternCell => ({ activityCode: code, protected: code !== null && PROTECTED.has(code) });

function week(spec: WeekSpec): PatternWeek {
  const out: PatternWeek = {};
  spec.forEach(([am, pm], i) => (out[String(i + 1)] = { AM: cell(am), PM: cell(pm) }));
  return out;
}

const WEEKEND: DaySpec = ['W', 'W'];
/** Outpatient week: `main` all weekdays except the given clinic/choice cells; Wednesday PM lecture. */
function outpatient(main: string, overrides: Partial<Record<number, DaySpec>> = {}): PatternWeek {
  const days: DaySpec[] = [1, 2, 3, 4, 5].map((d) => overrides[d] ?? [main, main]);
  days[2] = [days[2][0], 'LEC'];
  return week([days[0], days[1], days[2], days[3], days[4], WEEKEND, WEEKEND]);
}

export interface RotationSpec {
  code: string;
  name: string;
  setting: RotationSetting;
  leaveEligible: boolean;
  worksWeekends: boolean;
  halfBlock: boolean;
  /** The activity this rotation's residents do when not in clinic. */
  mainActivity: string;
  pattern: PatternWeek[];
  weeklyTargets: Record<string, number>;
  exemptFrom: string[];
  color: string;
}

const spec = (
  s: Omit<RotationSpec, 'halfBlock' | 'exemptFrom'> & Partial<Pick<RotationSpec, 'halfBlock' | 'exemptFrom'>>,
): RotationSpec => ({
  halfBlock: false,
  exemptFrom: [],
  ...s,
});

export const ROTATION_SPECS: RotationSpec[] = [
  spec({
    code: 'ORI',
    name: 'Orientation',
    setting: 'outpatient',
    leaveEligible: false,
    worksWeekends: false,
    mainActivity: 'ORI',
    weeklyTargets: {},
    exemptFrom: [STANDING.pgy1WednesdayClinic],
    color: '#fff176',
    pattern: [
      outpatient('ORI'),
      outpatient('ORI', { 2: ['SIM', 'SIM'], 4: ['SIM', 'ORI'] }),
      outpatient('ORI', { 1: ['C', 'ORI'], 4: ['C', 'C'] }),
      outpatient('C', { 5: ['ORI', 'C'] }),
    ],
  }),
  spec({
    code: 'FMIT',
    name: 'Family Medicine Inpatient Team',
    setting: 'inpatient',
    leaveEligible: false,
    worksWeekends: true,
    mainActivity: 'FMIT',
    weeklyTargets: {},
    color: '#1565c0',
    pattern: [
      week([
        ['FMIT', 'FMIT'],
        ['FMIT', 'FMIT'],
        ['FMIT', 'LEC'],
        ['FMIT', 'FMIT'],
        ['FMIT', 'FMIT'],
        ['FMIT', 'FMIT'],
        ['OFF', 'OFF'],
      ]),
    ],
  }),
  spec({
    code: 'NF',
    name: 'Night Float',
    setting: 'inpatient',
    leaveEligible: false,
    worksWeekends: true,
    halfBlock: true,
    mainActivity: 'NF',
    weeklyTargets: {},
    color: '#283593',
    exemptFrom: [STANDING.wednesdayLecture, STANDING.blockEndAdvising, STANDING.pgy1WednesdayClinic],
    pattern: [
      week([
        ['OFF', 'NF'],
        ['OFF', 'NF'],
        ['OFF', 'NF'],
        ['OFF', 'NF'],
        ['PC', 'PC'],
        ['W', 'W'],
        ['OFF', 'NF'],
      ]),
    ],
  }),
  spec({
    code: 'OB',
    name: 'Obstetrics / Labor & Delivery',
    setting: 'inpatient',
    leaveEligible: false,
    worksWeekends: false,
    mainActivity: 'OB',
    weeklyTargets: { C: 1 },
    color: '#ad1457',
    pattern: [outpatient('OB', { 2: ['OB', null] })],
  }),
  spec({
    code: 'PEDS',
    name: 'Inpatient Pediatrics',
    setting: 'inpatient',
    leaveEligible: false,
    worksWeekends: false,
    mainActivity: 'PEDS',
    weeklyTargets: { C: 1 },
    color: '#f57c00',
    pattern: [outpatient('PEDS', { 4: ['PEDS', null] })],
  }),
  spec({
    code: 'NICU',
    name: 'Newborn Nursery',
    setting: 'inpatient',
    leaveEligible: false,
    worksWeekends: false,
    mainActivity: 'NICU',
    weeklyTargets: { C: 1 },
    color: '#ef6c00',
    pattern: [outpatient('NICU', { 1: ['NICU', null] })],
  }),
  spec({
    code: 'EM',
    name: 'Emergency Medicine',
    setting: 'inpatient',
    leaveEligible: false,
    worksWeekends: false,
    mainActivity: 'EM',
    weeklyTargets: { C: 1 },
    color: '#c62828',
    pattern: [outpatient('EM', { 5: ['EM', null] })],
  }),
  spec({
    code: 'ICU',
    name: 'Intensive Care',
    setting: 'inpatient',
    leaveEligible: false,
    worksWeekends: false,
    mainActivity: 'ICU',
    weeklyTargets: {},
    color: '#b71c1c',
    pattern: [outpatient('ICU')],
  }),
  spec({
    code: 'IM',
    name: 'Internal Medicine Wards',
    setting: 'inpatient',
    leaveEligible: false,
    worksWeekends: false,
    mainActivity: 'IM',
    weeklyTargets: { C: 1 },
    color: '#3949ab',
    pattern: [outpatient('IM', { 2: ['IM', null] })],
  }),
  spec({
    code: 'SURG',
    name: 'General Surgery',
    setting: 'inpatient',
    leaveEligible: false,
    worksWeekends: false,
    mainActivity: 'SURG',
    weeklyTargets: {},
    color: '#6d4c41',
    pattern: [outpatient('SURG')],
  }),
  spec({
    code: 'FMC',
    name: 'Family Medicine Clinic',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    mainActivity: 'C',
    weeklyTargets: { C: 6 },
    color: '#4caf50',
    pattern: [
      outpatient('C', { 1: [null, null], 2: [null, null], 3: [null, null], 4: [null, null], 5: [null, 'DFM'] }),
    ],
  }),
  spec({
    code: 'CARD',
    name: 'Cardiology',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    mainActivity: 'CARD',
    weeklyTargets: { C: 2 },
    color: '#e53935',
    pattern: [outpatient('CARD', { 2: ['CARD', null], 4: [null, 'CARD'] })],
  }),
  spec({
    code: 'GER',
    name: 'Geriatrics',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    mainActivity: 'GER',
    weeklyTargets: { C: 2 },
    color: '#8d6e63',
    pattern: [outpatient('GER', { 1: ['GER', null], 5: [null, 'GER'] })],
  }),
  spec({
    code: 'BH',
    name: 'Behavioral Health',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    mainActivity: 'BH',
    weeklyTargets: { C: 2 },
    color: '#7e57c2',
    pattern: [outpatient('BH', { 2: [null, 'BH'], 4: ['BH', null] })],
  }),
  spec({
    code: 'GYN',
    name: 'Gynecology',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    mainActivity: 'GYN',
    weeklyTargets: { C: 2 },
    color: '#d81b60',
    pattern: [outpatient('GYN', { 1: [null, 'GYN'], 4: ['GYN', null] })],
  }),
  spec({
    code: 'ORTH',
    name: 'Orthopedics',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    halfBlock: true,
    mainActivity: 'ORTH',
    weeklyTargets: { C: 2 },
    color: '#5d4037',
    pattern: [outpatient('ORTH', { 2: ['ORTH', null], 5: [null, 'ORTH'] })],
  }),
  spec({
    code: 'DERM',
    name: 'Dermatology',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    halfBlock: true,
    mainActivity: 'DERM',
    weeklyTargets: { C: 2 },
    color: '#ff8a65',
    pattern: [outpatient('DERM', { 1: [null, 'DERM'], 4: ['DERM', null] })],
  }),
  spec({
    code: 'RES',
    name: 'Research',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    halfBlock: true,
    mainActivity: 'RES',
    weeklyTargets: { C: 2 },
    color: '#cddc39',
    pattern: [outpatient('RES', { 2: [null, 'RES'], 5: ['RES', null] })],
  }),
  spec({
    code: 'SM',
    name: 'Sports Medicine',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    mainActivity: 'SM',
    weeklyTargets: { C: 2 },
    color: '#0097a7',
    pattern: [outpatient('SM', { 1: ['SM', null], 4: [null, 'SM'] })],
  }),
  spec({
    code: 'PEDC',
    name: 'Pediatric Clinic',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    mainActivity: 'PEDC',
    weeklyTargets: { C: 2 },
    color: '#ffb74d',
    pattern: [outpatient('PEDC', { 2: ['PEDC', null], 5: [null, 'PEDC'] })],
  }),
  spec({
    code: 'CMTY',
    name: 'Community Medicine',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    mainActivity: 'CMTY',
    weeklyTargets: { C: 2 },
    color: '#9ccc65',
    pattern: [outpatient('CMTY', { 1: [null, 'CMTY'], 4: ['CMTY', null] })],
  }),
  spec({
    code: 'ELEC',
    name: 'Elective',
    setting: 'outpatient',
    leaveEligible: true,
    worksWeekends: false,
    mainActivity: 'ELEC',
    weeklyTargets: { C: 3 },
    color: '#26a69a',
    pattern: [outpatient('ELEC', { 1: [null, 'ELEC'], 2: ['ELEC', null], 4: [null, 'ELEC'] })],
  }),
  spec({
    code: 'OFFS',
    name: 'Off-site Rotation',
    setting: 'offsite',
    leaveEligible: true,
    worksWeekends: false,
    mainActivity: 'OFFS',
    weeklyTargets: {},
    color: '#78909c',
    exemptFrom: [STANDING.wednesdayLecture, STANDING.blockEndAdvising, STANDING.pgy1WednesdayClinic],
    pattern: [
      week([
        ['OFFS', 'OFFS'],
        ['OFFS', 'OFFS'],
        ['OFFS', 'OFFS'],
        ['OFFS', 'OFFS'],
        ['OFFS', 'OFFS'],
        WEEKEND,
        WEEKEND,
      ]),
    ],
  }),
];

export const rotationId = (code: string) => `rot-${code.toLowerCase()}`;

export function rotationFromSpec(s: RotationSpec, capacity: number): Rotation {
  return {
    id: rotationId(s.code),
    code: s.code,
    name: s.name,
    setting: s.setting,
    leaveEligible: s.leaveEligible,
    capacity,
    worksWeekends: s.worksWeekends,
    halfBlock: s.halfBlock,
    pattern: s.pattern,
    weeklyTargets: s.weeklyTargets,
    exemptFrom: s.exemptFrom,
    color: s.color,
  };
}

/**
 * Yearly curriculum per PGY level: one entry per block (a code, or two half-block codes).
 * Residents of a level walk the list with different offsets, so each entry is held by about one
 * resident of that level per block. FMIT and night float are placed separately.
 */
export const CURRICULUM: Record<number, (string | [string, string])[]> = {
  1: ['FMC', 'IM', 'PEDS', 'OB', 'EM', 'SURG', 'NICU', 'FMC', 'ICU', 'GER', 'BH', 'PEDC', 'CMTY'],
  2: ['FMC', 'OB', 'PEDS', 'CARD', 'EM', 'ICU', ['ORTH', 'DERM'], 'SM', 'GYN', 'FMC', 'BH', 'ELEC', 'IM'],
  3: [
    'FMC',
    'ELEC',
    'OFFS',
    'SM',
    'GER',
    'CMTY',
    ['RES', 'DERM'],
    'FMC',
    'CARD',
    'ELEC',
    ['ORTH', 'RES'],
    'GYN',
    'PEDC',
  ],
};
/** Half-block rotations a night-float resident does in the other half. */
export const NF_PARTNERS = ['DERM', 'ORTH', 'RES'];
