// The form state of a Settings section: starts from the saved settings, follows them while the
// user has not changed anything (another save, another window), and keeps the user's edits
// otherwise. Errors are by field key; editing a field clears only that field's error.
import { useCallback, useState } from 'react';

export interface SectionForm<F> {
  form: F;
  dirty: boolean;
  errors: Record<string, string>;
  problems: string[];
  saving: boolean;
  set(patch: Partial<F>, clears?: string[]): void;
  setErrors(fields: Record<string, string>, problems?: string[]): void;
  setSaving(saving: boolean): void;
  discard(): void;
}

export function useSectionForm<F>(saved: F): SectionForm<F> {
  const savedJson = JSON.stringify(saved);
  const [form, setForm] = useState<F>(saved);
  const [errors, setErrorState] = useState<{ fields: Record<string, string>; problems: string[] }>({
    fields: {},
    problems: [],
  });
  const [saving, setSaving] = useState(false);
  const [baseJson, setBaseJson] = useState(savedJson);
  let formJson = JSON.stringify(form);

  if (savedJson !== baseJson) {
    // The saved settings moved: follow them unless the user is in the middle of a change
    // (state adjusted during render, React's pattern for state derived from props).
    const untouched = formJson === baseJson;
    setBaseJson(savedJson);
    if (untouched) {
      setForm(JSON.parse(savedJson) as F);
      formJson = savedJson;
    }
  }

  const set = useCallback((patch: Partial<F>, clears: string[] = Object.keys(patch)) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrorState((e) => {
      const fields = { ...e.fields };
      for (const key of clears) delete fields[key];
      return { fields, problems: [] };
    });
  }, []);

  return {
    form,
    dirty: formJson !== savedJson,
    errors: errors.fields,
    problems: errors.problems,
    saving,
    set,
    setErrors: (fields, problems = []) => setErrorState({ fields, problems }),
    setSaving,
    discard: () => {
      setForm(JSON.parse(savedJson) as F);
      setErrorState({ fields: {}, problems: [] });
    },
  };
}
