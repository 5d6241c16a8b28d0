// Rule type → definition, and turning the program's rule settings into checked, parsed rules.
import type { ProgramSettings } from '../domain/types';
import { absenceConflictRule, daysAwayRule } from './absences';
import { callFrequencyRule } from './acgme-call-frequency';
import { daysOffRule } from './acgme-days-off';
import { consecutiveCallNightsRule } from './consecutive-calls';
import { weeklyHoursRule } from './acgme-hours';
import { continuousWorkRule, restAfterCallRule, restBetweenRule } from './acgme-periods';
import { callNearInpatientWeekRule } from './call-spacing';
import { callDuringInpatientWeekRule, doubleBookingRule } from './conflicts';
import { clinicCapacityRule, supervisionRule } from './coverage';
import { certificationExpiredRule, credentialMissingRule } from './credentials';
import { ComplianceInputError } from './input';
import { absenceOverlapRule, leaveOnIneligibleRotationRule } from './leave';
import { moonlightingApprovalRule, moonlightingNotAllowedRule } from './moonlighting';
import { postCallRule } from './post-call';
import type { ActiveRule, AnyRuleDefinition } from './rule';
import { serviceStaffingRule } from './services';
import { shiftCoverRule, shiftLimitsRule } from './shifts';
import { standingSlotRule } from './standing';
import { consecutiveDaysRule, facultyWeeklyHalfDaysRule } from './workload';

const definitions: AnyRuleDefinition[] = [
  weeklyHoursRule,
  daysOffRule,
  continuousWorkRule,
  restAfterCallRule,
  restBetweenRule,
  callFrequencyRule,
  moonlightingNotAllowedRule,
  moonlightingApprovalRule,
  supervisionRule,
  clinicCapacityRule,
  serviceStaffingRule,
  daysAwayRule,
  consecutiveDaysRule,
  postCallRule,
  facultyWeeklyHalfDaysRule,
  doubleBookingRule,
  absenceConflictRule,
  credentialMissingRule,
  certificationExpiredRule,
  callDuringInpatientWeekRule,
  consecutiveCallNightsRule,
  callNearInpatientWeekRule,
  leaveOnIneligibleRotationRule,
  absenceOverlapRule,
  standingSlotRule,
  shiftCoverRule,
  shiftLimitsRule,
];

export const RULE_DEFINITIONS: ReadonlyMap<string, AnyRuleDefinition> = new Map(definitions.map((d) => [d.type, d]));

/** Every rule type the engine knows. */
export function ruleTypes(): string[] {
  return [...RULE_DEFINITIONS.keys()];
}

export interface CompiledRule {
  active: ActiveRule;
  definition: AnyRuleDefinition;
}

/**
 * The enabled rules of the settings (optionally only `ruleIds`), with params parsed. Unknown
 * types, duplicate ids and bad params are errors naming the rule and the param.
 */
export function compileRules(settings: ProgramSettings, ruleIds: Set<string> | null): CompiledRule[] {
  const seen = new Set<string>();
  const out: CompiledRule[] = [];
  settings.rules.forEach((config, i) => {
    const where = `settings.rules[${i}]`;
    if (seen.has(config.id)) throw new ComplianceInputError(`${where}.id`, `duplicate rule id "${config.id}"`);
    seen.add(config.id);
    const definition = RULE_DEFINITIONS.get(config.type);
    if (!definition)
      throw new ComplianceInputError(
        `${where}.type`,
        `unknown rule type "${config.type}" (rule "${config.id}"); known: ${ruleTypes().join(', ')}`,
      );
    if (!config.enabled || (ruleIds && !ruleIds.has(config.id))) return;
    const parsed = definition.params.safeParse(config.params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue.path.length ? `.${issue.path.join('.')}` : '';
      throw new ComplianceInputError(`${where}.params${path}`, `${issue.message} (rule "${config.id}")`);
    }
    if (definition.checkAgainst) {
      try {
        definition.checkAgainst(parsed.data, settings);
      } catch (err) {
        if (!(err instanceof ComplianceInputError)) throw err;
        throw new ComplianceInputError(`${where}.${err.path}`, `${err.problem} (rule "${config.id}")`);
      }
    }
    out.push({ active: { config, params: parsed.data }, definition });
  });
  if (ruleIds) {
    for (const id of ruleIds)
      if (!seen.has(id)) throw new ComplianceInputError('options.ruleIds', `no rule with id "${id}" in the settings`);
  }
  return out;
}

/**
 * Every problem with a rule list as the Settings view saves it (disabled rules included, so a
 * rule switched on later is already valid): unknown types, duplicate ids, bad params, each with
 * its path (`rules[3].params.limitHours`).
 */
export function ruleSettingsIssues(settings: ProgramSettings): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  settings.rules.forEach((config, i) => {
    const where = `rules[${i}]`;
    if (seen.has(config.id))
      issues.push({ path: `${where}.id`, message: `another rule already has the id "${config.id}"` });
    seen.add(config.id);
    const definition = RULE_DEFINITIONS.get(config.type);
    if (!definition) {
      issues.push({ path: `${where}.type`, message: `unknown rule type "${config.type}"` });
      return;
    }
    const parsed = definition.params.safeParse(config.params);
    if (parsed.success) {
      try {
        definition.checkAgainst?.(parsed.data, settings);
      } catch (err) {
        if (!(err instanceof ComplianceInputError)) throw err;
        issues.push({ path: `${where}.${err.path}`, message: err.problem });
      }
      return;
    }
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      issues.push({ path: `${where}.params${path}`, message: issue.message });
    }
  });
  return issues;
}
