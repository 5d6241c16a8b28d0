// Name lists for demo people. Picks are seeded, so a seed always gives the same names.
import type { Rng } from './rng';

const FIRST = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Isabella', 'William', 'Mia', 'Benjamin',
  'Charlotte', 'Lucas', 'Amelia', 'Henry', 'Harper', 'Alexander', 'Evelyn', 'Michael', 'Abigail', 'Daniel', 'Emily',
  'Matthew', 'Elizabeth', 'Samuel', 'Sofia', 'David', 'Avery', 'Joseph', 'Ella', 'Carter', 'Scarlett', 'Owen',
  'Grace', 'Wyatt', 'Chloe', 'John', 'Victoria', 'Jack', 'Riley', 'Luke', 'Aria', 'Jayden', 'Lily', 'Dylan', 'Aubrey',
  'Grayson', 'Zoey', 'Levi', 'Hannah', 'Isaac', 'Layla', 'Gabriel', 'Nora', 'Julian', 'Camila', 'Mateo', 'Priya',
  'Anthony', 'Aisha', 'Jaxon', 'Mei', 'Lincoln', 'Fatima', 'Joshua', 'Ananya', 'Christopher', 'Yuki', 'Andrew',
  'Leila', 'Theodore', 'Rosa', 'Caleb', 'Ngozi', 'Ryan', 'Ingrid', 'Asher', 'Keiko', 'Nathan', 'Lucia', 'Thomas',
  'Amara', 'Leo', 'Daniela', 'Isaiah', 'Hana', 'Charles', 'Zara', 'Josiah', 'Elena', 'Hudson', 'Maya', 'Christian',
  'Nadia', 'Hunter', 'Sara', 'Connor', 'Imani', 'Eli', 'Valentina', 'Ezra', 'Naomi', 'Aaron', 'Ruth', 'Rahul', 'Omar',
];

const LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall',
  'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker',
  'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez',
  'Ortiz', 'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward',
  'Richardson', 'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez', 'Okafor',
  'Nakamura', 'Haddad', 'Kowalski', 'Singh', 'Chen', 'Olsen', 'Sato', 'Novak', 'Abboud', 'Mensah', 'Lindqvist',
];

/** `count` distinct "First Last" names. */
export function pickNames(rng: Rng, count: number): string[] {
  if (count > FIRST.length * LAST.length) throw new RangeError(`Cannot make ${count} distinct names`);
  const names = new Set<string>();
  while (names.size < count) names.add(`${rng.pick(FIRST)} ${rng.pick(LAST)}`);
  return [...names];
}

/** An e-mail address from a name, e.g. olivia.smith@residency.example. */
export function emailFor(name: string, taken: Set<string>): string {
  const base = name.toLowerCase().replace(/[^a-z ]/g, '').trim().replace(/\s+/g, '.');
  let email = `${base}@residency.example`;
  for (let n = 2; taken.has(email); n++) email = `${base}${n}@residency.example`;
  taken.add(email);
  return email;
}
