// Words a user must never read: solver jargon ("incumbent", "gap", "not proven optimal"), raw
// keys (`wednesday_lecture`, snake_case enum values), a program's "null"/"undefined"/"NaN", "(s)"
// plurals and "(N rows)". Plain text in, each hit with its context out; the accessibility spec
// reads every view through it, test/unit/jargon.test.ts holds it to the wordings it must catch.
const PATTERNS = [
  /\b[a-z]+_[a-z_]+\b/g,
  /\b(?:undefined|null|NaN)\b/g,
  /\b(?:Incumbent|incumbent|Bound|MIP|LP relaxation|infeasible|Infeasible|feasible)\b/g,
  /\bGap\b/g,
  // The domain says "proven the best" / "best found in 60 s" / "stopped by Dana Diaz".
  /\b(?:optimal|Optimal|OPTIMAL|optimum)\b/g,
  /\w\(s\)/g,
  /\(\d+ rows?\)/g,
];

export function jargonIn(text: string): string[] {
  return PATTERNS.flatMap((re) =>
    [...text.matchAll(re)].map((m) =>
      JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30)),
    ),
  );
}
