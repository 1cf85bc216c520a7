// Deterministic, realistic-looking people for demo workspaces and benchmarks. The same seed
// always gives the same people; emails use example.com, a domain reserved for examples.

const FIRST = [
  'Amara',
  'Ben',
  'Chloé',
  'Dmitri',
  'Elif',
  'Farid',
  'Grace',
  'Hiro',
  'Inès',
  'Jonas',
  'Kavya',
  'Liam',
  'Mariana',
  'Noah',
  'Olga',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Valentina',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Aoife',
  'Bruno',
  'Camille',
  'Diego',
  'Emeka',
  'Freya',
  'Gabriel',
  'Hannah',
  'Ivan',
  'Jasmine',
  'Kofi',
  'Leila',
  'Mateo',
  'Nadia',
  'Oscar',
  'Paula',
  'Rahul',
  'Sofia',
  'Tomás',
  'Ursula',
  'Viktor',
  'Yara',
];
const LAST = [
  'Okafor',
  'Schmidt',
  'Dubois',
  'Ivanova',
  'Yılmaz',
  'Haddad',
  'Kim',
  'Tanaka',
  'García',
  'Nielsen',
  'Iyer',
  "O'Brien",
  'Costa',
  'Cohen',
  'Kowalski',
  'Sharma',
  'Lefèvre',
  'Martínez',
  'Lindqvist',
  'Rahman',
  'Nair',
  'Rossi',
  'Chen',
  'Hernández',
  'Demir',
  'Müller',
  'Murphy',
  'Silva',
  'Moreau',
  'Ortiz',
  'Adeyemi',
  'Andersen',
  'Nowak',
  'Park',
  'Novak',
  'Abadi',
  'Mensah',
  'Farouk',
  'López',
  'Petrova',
  'Svensson',
  'Ferreira',
  'Gupta',
  'Santos',
  'Weber',
  'Fischer',
  'Volkov',
  'Aziz',
];
export const DEMO_TEAMS = [
  'Product',
  'Engineering',
  'Data Science',
  'Marketing',
  'Customer Support',
  'Sales',
  'Finance',
  'Legal & Privacy',
  'People',
  'Operations',
];

/** mulberry32: tiny, fast, good enough for demo data; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export interface DemoPerson {
  name: string;
  email: string;
  team: string;
}

export function demoPeople(count: number, seed: number): DemoPerson[] {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const seen = new Map<string, number>();
  const people: DemoPerson[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const base = `${asciiSlug(first)}.${asciiSlug(last)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    // Teams are uneven in real companies: weight the first teams more.
    const team = DEMO_TEAMS[Math.min(DEMO_TEAMS.length - 1, Math.floor(-Math.log(1 - rand() * 0.9999) * 3))]!;
    people.push({ name: `${first} ${last}`, email: `${base}${n > 1 ? n : ''}@example.com`, team });
  }
  return people;
}
