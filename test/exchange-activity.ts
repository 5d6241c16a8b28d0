// An activity as the program exchange file (JSON) writes it, with the defaults the scenario suites
// share: no supervision, not protected, counting toward duty hours unless it is time off. Used by
// test files that build small program files by hand (duty-scenarios, acgme-examiner).
type Json = Record<string, unknown>;

export const exchangeActivity = (
  code: string,
  category: string,
  am: Json | null,
  pm: Json | null,
  extra: Json = {},
) => ({
  code,
  name: code,
  category,
  needsSupervision: false,
  providesSupervision: false,
  protected: false,
  countsTowardDutyHours: category !== 'time_off',
  countsTowardClinicCapacity: false,
  extraSupervisionUnits: 0,
  am,
  pm,
  color: '#888888',
  location: null,
  ...extra,
});
