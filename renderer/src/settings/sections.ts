// The sections of the Settings view, in order. Add a section here: an id (kept in the URL as
// `section=`), its title in the list, and its component (which receives SectionProps).
import type { ComponentType } from 'react';
import { BackupsSection } from './backups/BackupsSection';
import { AbsencePoliciesSection } from './AbsencePoliciesSection';
import { BlockCalendarSection } from './BlockCalendarSection';
import { CapacitySection } from './CapacitySection';
import { ClockChangeSection } from './ClockChangeSection';
import { GeneralSection } from './GeneralSection';
import { HolidaysSection } from './HolidaysSection';
import { PatientCareSection } from './PatientCareSection';
import { PublishingSection } from './PublishingSection';
import { RulesSection } from './RulesSection';
import { ServicesSection } from './ServicesSection';
import type { SectionProps } from './sectionProps';

export interface SettingsSectionEntry {
  id: string;
  title: string;
  component: ComponentType<SectionProps>;
}

export const SETTINGS_SECTIONS: readonly SettingsSectionEntry[] = [
  { id: 'general', title: 'Program and time zone', component: GeneralSection },
  { id: 'publishing', title: 'Lock date and publishing', component: PublishingSection },
  { id: 'calendar', title: 'Block calendar', component: BlockCalendarSection },
  { id: 'holidays', title: 'Holidays', component: HolidaysSection },
  { id: 'capacity', title: 'Clinic capacity', component: CapacitySection },
  { id: 'services', title: 'Services', component: ServicesSection },
  { id: 'rules', title: 'Rules', component: RulesSection },
  { id: 'patient-care', title: 'Patient care and transitions', component: PatientCareSection },
  { id: 'clock-change', title: 'Calls when the clocks change', component: ClockChangeSection },
  { id: 'absences', title: 'Absence types', component: AbsencePoliciesSection },
  { id: 'backups', title: 'Backups', component: BackupsSection },
];
