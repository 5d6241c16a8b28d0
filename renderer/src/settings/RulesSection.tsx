// Rules: every rule the schedule is checked against, with a plain explanation that carries the
// program's own numbers, whether it is on, how severe its findings are, and its parameters.
import ExpandMoreOutlined from '@mui/icons-material/ExpandMoreOutlined';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import type { RuleTypeInfo } from '../../../core/api/contract';
import type { RuleConfig, Severity } from '../../../core/domain/types';
import { api } from '../api';
import { SEVERITY_LABELS, SEVERITY_ORDER } from '../lib/severity';
import { KIND_LABELS } from '../lib/labels';
import { useApiQuery } from '../lib/useApiQuery';
import { LoadError } from '../ui/LoadError';
import { ParamField } from './ParamField';
import { fieldKind, formToParams, paramsToForm, type JsonSchema } from './ruleParams';
import { saveSettings } from './save';
import type { SectionProps } from './sectionProps';
import { SettingsSection } from './SettingsSection';
import { fillExplanation, issuesUnder, listWords } from './settingsForm';
import { useSectionForm } from './useSectionForm';
import { paramValueWords } from './valueWords';

const TITLE = 'Rules';

interface RuleForm {
  enabled: boolean;
  severity: Severity;
  params: Record<string, unknown>;
}

function weekdayKeys(info: RuleTypeInfo | undefined): Set<string> {
  return new Set(
    Object.entries(info?.params ?? {})
      .filter(([, d]) => d.format === 'weekday')
      .map(([k]) => k),
  );
}

/** Who a rule applies to, in words. */
export function scopeWords(scope: RuleConfig['scope']): string {
  const kinds =
    scope.kinds.length === 0 ? 'everyone' : listWords(scope.kinds.map((k) => `${KIND_LABELS[k].toLowerCase()}s`));
  return scope.pgyLevels.length === 0 ? kinds : `${kinds} (PGY-${scope.pgyLevels.join('/')})`;
}

export function RulesSection({ info, academicYear }: SectionProps) {
  const catalog = useApiQuery('rules-catalog', () => api()['rules.catalog']({}));
  if (catalog.error && !catalog.data)
    return <LoadError error={catalog.error} onRetry={catalog.reload} what="the rule descriptions" />;
  if (!catalog.data) return null;
  return (
    <RulesForm
      rules={info.settings.rules}
      ruleNames={info.ruleNames}
      catalog={catalog.data}
      academicYear={academicYear}
    />
  );
}

function RulesForm({
  rules,
  ruleNames,
  catalog,
  academicYear,
}: {
  rules: RuleConfig[];
  ruleNames: Record<string, string>;
  catalog: RuleTypeInfo[];
  academicYear: number;
}) {
  const byType = useMemo(() => new Map(catalog.map((c) => [c.type, c])), [catalog]);
  const saved = useMemo(
    () => ({
      rules: rules.map((r): RuleForm => {
        const type = byType.get(r.type);
        return {
          enabled: r.enabled,
          severity: r.severity,
          params: type ? paramsToForm(type.paramsSchema as JsonSchema, r.params, weekdayKeys(type)) : r.params,
        };
      }),
    }),
    [rules, byType],
  );
  const f = useSectionForm(saved);

  function update(i: number, patch: Partial<RuleForm>, clears: string[]) {
    f.set(
      { rules: f.form.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) },
      clears.map((c) => `[${i}]${c}`),
    );
  }

  async function save() {
    const errors: Record<string, string> = {};
    const next: RuleConfig[] = rules.map((rule, i) => {
      const form = f.form.rules[i];
      const type = byType.get(rule.type);
      let params = form.params;
      if (type) {
        const read = formToParams(type.paramsSchema as JsonSchema, form.params, weekdayKeys(type));
        if ('errors' in read)
          for (const [path, message] of Object.entries(read.errors)) errors[`[${i}].params.${path}`] = message;
        else params = { ...rule.params, ...read.params };
      }
      return { ...rule, enabled: form.enabled, severity: form.severity, params: params as RuleConfig['params'] };
    });
    f.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    f.setSaving(true);
    const outcome = await saveSettings(TITLE, academicYear, { rules: next });
    f.setSaving(false);
    if (!outcome.ok) {
      const { fields } = issuesUnder(outcome.error.issues ?? [], 'rules');
      f.setErrors(fields, Object.keys(fields).length ? [] : [outcome.error.message]);
    }
  }

  const errorRules = new Set(Object.keys(f.errors).map((k) => Number(/^\[(\d+)\]/.exec(k)?.[1])));

  return (
    <SettingsSection
      title={TITLE}
      summary={
        'Every rule the schedule is checked against: the ACGME’s work-hour requirements and the program’s own ' +
        'policies. A rule that is off is not checked; its findings take the severity set here.'
      }
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save()}
      onDiscard={f.discard}
    >
      <Box>
        {rules.map((rule, i) => {
          const form = f.form.rules[i];
          const type = byType.get(rule.type);
          // The rule catalog's name for it (program.info's ruleNames), as Compliance shows it.
          const name = ruleNames[rule.id] ?? rule.id;
          const explanation = type
            ? fillExplanation(type.explanation, form.params, (key, value) => paramValueWords(value, type.params[key]))
            : 'This rule type is not known to this version of the app.';
          const properties = Object.entries((type?.paramsSchema as JsonSchema | undefined)?.properties ?? {});
          const prefix = `[${i}].params.`;
          return (
            <Accordion
              key={rule.id}
              disableGutters
              defaultExpanded={errorRules.has(i)}
              sx={{ '&:before': { display: 'none' }, borderBottom: 1, borderColor: 'divider' }}
              elevation={0}
            >
              <AccordionSummary
                expandIcon={<ExpandMoreOutlined />}
                aria-controls={`rule-${rule.id}-params`}
                id={`rule-${rule.id}`}
                sx={{ px: 0.5 }}
              >
                <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', width: '100%', pr: 1 }}>
                  <Switch
                    checked={form.enabled}
                    onClick={(e) => e.stopPropagation()}
                    onChange={(e) => update(i, { enabled: e.target.checked }, ['.enabled'])}
                    slotProps={{ input: { 'aria-label': `${name}: checked` } }}
                  />
                  <Box sx={{ flex: 1, minWidth: 0 }}>
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <Typography
                        variant="subtitle2"
                        component="h3"
                        data-testid="rule-name"
                        sx={{ color: form.enabled ? 'text.primary' : 'text.secondary' }}
                      >
                        {name}
                      </Typography>
                      <Chip
                        size="small"
                        variant="outlined"
                        label={type?.source === 'acgme' ? 'ACGME' : 'Program policy'}
                        sx={{ height: 20, fontSize: 11 }}
                      />
                      {errorRules.has(i) && (
                        <Chip size="small" color="error" label="Check the values" sx={{ height: 20, fontSize: 11 }} />
                      )}
                    </Stack>
                    <Typography variant="body2" color="text.secondary" sx={{ mt: 0.25 }}>
                      {explanation} Applies to {scopeWords(rule.scope)}.
                    </Typography>
                  </Box>
                  <TextField
                    select
                    value={form.severity}
                    onClick={(e) => e.stopPropagation()}
                    onChange={(e) => update(i, { severity: e.target.value as Severity }, ['.severity'])}
                    slotProps={{ htmlInput: { 'aria-label': `${name}: severity` } }}
                    sx={{ width: 120, flexShrink: 0 }}
                  >
                    {SEVERITY_ORDER.map((s) => (
                      <MenuItem key={s} value={s}>
                        {SEVERITY_LABELS[s]}
                      </MenuItem>
                    ))}
                  </TextField>
                </Stack>
              </AccordionSummary>
              <AccordionDetails id={`rule-${rule.id}-params`} sx={{ pt: 0, pl: 8 }}>
                {properties.length === 0 ? (
                  <Typography variant="body2" color="text.secondary">
                    This rule has nothing to set.
                  </Typography>
                ) : (
                  <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
                    {properties.map(([key, schema]) => {
                      const errors: Record<string, string> = {};
                      for (const [path, message] of Object.entries(f.errors))
                        if (path === `${prefix}${key}` || path.startsWith(`${prefix}${key}[`))
                          errors[path.slice(prefix.length + key.length)] = message;
                      return (
                        <ParamField
                          key={key}
                          name={key}
                          field={fieldKind(schema, type?.params[key]?.format === 'weekday')}
                          description={type?.params[key]}
                          columnLabels={type?.params}
                          value={form.params[key]}
                          onChange={(value, clears) =>
                            update(
                              i,
                              { params: { ...form.params, [key]: value } },
                              clears.map((c) => `.params.${key}${c}`),
                            )
                          }
                          errors={errors}
                        />
                      );
                    })}
                  </Stack>
                )}
              </AccordionDetails>
            </Accordion>
          );
        })}
      </Box>
    </SettingsSection>
  );
}
