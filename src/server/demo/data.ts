/**
 * Static content of the demo: Region Kronoberg and its eight municipalities, fictional units,
 * demo professionals and name lists. Every person, street and unit name here is fictional.
 */

export type UnitKind =
  | 'preschool'
  | 'compulsory_school'
  | 'upper_secondary_school'
  | 'student_health_medical'
  | 'student_health_psychosocial'
  | 'social_services'
  | 'child_health_centre'
  | 'child_psychiatry'
  | 'youth_clinic'
  | 'leisure_centre'
  | 'police'
  | 'youth_follow_up'
  | 'administration'
  | 'analysis';

export type SecrecyDomain =
  | 'school'
  | 'medical_student_health'
  | 'health_care'
  | 'social_services'
  | 'police'
  | 'other';

export type AssignmentRole =
  | 'preschool_teacher'
  | 'teacher'
  | 'principal'
  | 'special_educator'
  | 'school_nurse'
  | 'school_doctor'
  | 'school_psychologist'
  | 'school_counsellor'
  | 'social_worker'
  | 'social_services_manager'
  | 'child_health_nurse'
  | 'child_psychiatry_clinician'
  | 'youth_clinic_staff'
  | 'leisure_leader'
  | 'police_officer'
  | 'youth_follow_up_officer'
  | 'analyst'
  | 'manager'
  | 'unit_admin'
  | 'system_admin';

/** OSL domains per unit kind (EMI is its own domain even inside the same school). */
export const SECRECY_DOMAIN: Record<UnitKind, SecrecyDomain> = {
  preschool: 'school',
  compulsory_school: 'school',
  upper_secondary_school: 'school',
  student_health_psychosocial: 'school',
  student_health_medical: 'medical_student_health',
  social_services: 'social_services',
  child_health_centre: 'health_care',
  child_psychiatry: 'health_care',
  youth_clinic: 'health_care',
  leisure_centre: 'other',
  police: 'police',
  youth_follow_up: 'school',
  administration: 'other',
  analysis: 'other',
};

export interface MunicipalityDef {
  code: string;
  name: string;
  orgName: string;
  /** Main locality (city on addresses). */
  city: string;
  /** First three digits of the postal codes used for addresses. */
  postalPrefix: string;
  /** Number of demo children living here. */
  children: number;
  preschools: string[];
  /** name and grades taught: 'F-9', 'F-6' or '7-9'. */
  schools: { name: string; grades: 'F-9' | 'F-6' | '7-9'; weight: number }[];
  upperSecondary: string | null;
  /** Where its upper-secondary pupils go (municipality code) when it has no school of its own. */
  upperSecondaryIn: string;
  leisure: string;
  bvc: string[];
  /** Local police area and child psychiatry (BUP) that serve the municipality. */
  policeArea: 'vaxjo' | 'ljungby';
  bup: 'vaxjo' | 'ljungby';
}

export const MUNICIPALITIES: readonly MunicipalityDef[] = [
  {
    code: '0780',
    name: 'Växjö',
    orgName: 'Växjö kommun',
    city: 'Växjö',
    postalPrefix: '352',
    children: 85,
    preschools: ['Förskolan Solrosen', 'Förskolan Ekorren'],
    schools: [
      { name: 'Furuboskolan', grades: 'F-9', weight: 4 },
      { name: 'Granbackeskolan', grades: 'F-6', weight: 2 },
      { name: 'Sjöviksskolan', grades: 'F-9', weight: 2 },
      { name: 'Björkhagaskolan', grades: 'F-6', weight: 1 },
      { name: 'Lindåsskolan', grades: '7-9', weight: 1 },
    ],
    upperSecondary: 'Sjöstadsgymnasiet',
    upperSecondaryIn: '0780',
    leisure: 'Fritidsgården Kvarnen',
    bvc: ['BVC Växjö norr', 'BVC Växjö söder'],
    policeArea: 'vaxjo',
    bup: 'vaxjo',
  },
  {
    code: '0781',
    name: 'Ljungby',
    orgName: 'Ljungby kommun',
    city: 'Ljungby',
    postalPrefix: '341',
    children: 32,
    preschools: ['Förskolan Blåklockan', 'Förskolan Tallkotten'],
    schools: [
      { name: 'Ådalsskolan', grades: 'F-9', weight: 3 },
      { name: 'Kvarnbackaskolan', grades: 'F-6', weight: 1 },
      { name: 'Hagaliskolan', grades: '7-9', weight: 1 },
    ],
    upperSecondary: 'Lagadalsgymnasiet',
    upperSecondaryIn: '0781',
    leisure: 'Fritidsgården Ågården',
    bvc: ['BVC Ljungby'],
    policeArea: 'ljungby',
    bup: 'ljungby',
  },
  {
    code: '0764',
    name: 'Alvesta',
    orgName: 'Alvesta kommun',
    city: 'Alvesta',
    postalPrefix: '342',
    children: 20,
    preschools: ['Förskolan Vitsippan'],
    schools: [{ name: 'Skogsbrynets skola', grades: 'F-9', weight: 1 }],
    upperSecondary: 'Salenbygymnasiet',
    upperSecondaryIn: '0764',
    leisure: 'Fritidsgården Spåret',
    bvc: ['BVC Alvesta'],
    policeArea: 'vaxjo',
    bup: 'vaxjo',
  },
  {
    code: '0765',
    name: 'Älmhult',
    orgName: 'Älmhults kommun',
    city: 'Älmhult',
    postalPrefix: '343',
    children: 17,
    preschools: ['Förskolan Humlan'],
    schools: [{ name: 'Ekdungeskolan', grades: 'F-9', weight: 1 }],
    upperSecondary: 'Möckelngymnasiet',
    upperSecondaryIn: '0765',
    leisure: 'Fritidsgården Gnistan',
    bvc: ['BVC Älmhult'],
    policeArea: 'ljungby',
    bup: 'ljungby',
  },
  {
    code: '0763',
    name: 'Tingsryd',
    orgName: 'Tingsryds kommun',
    city: 'Tingsryd',
    postalPrefix: '362',
    children: 13,
    preschools: ['Förskolan Ekollonet'],
    schools: [{ name: 'Konnebergsskolan', grades: 'F-9', weight: 1 }],
    upperSecondary: null,
    upperSecondaryIn: '0780',
    leisure: 'Fritidsgården Tranan',
    bvc: ['BVC Tingsryd'],
    policeArea: 'vaxjo',
    bup: 'vaxjo',
  },
  {
    code: '0760',
    name: 'Uppvidinge',
    orgName: 'Uppvidinge kommun',
    city: 'Åseda',
    postalPrefix: '364',
    children: 12,
    preschools: ['Förskolan Myrstacken'],
    schools: [{ name: 'Lillsjöskolan', grades: 'F-9', weight: 1 }],
    upperSecondary: null,
    upperSecondaryIn: '0780',
    leisure: 'Fritidsgården Glöden',
    bvc: ['BVC Åseda'],
    policeArea: 'vaxjo',
    bup: 'vaxjo',
  },
  {
    code: '0767',
    name: 'Markaryd',
    orgName: 'Markaryds kommun',
    city: 'Markaryd',
    postalPrefix: '285',
    children: 11,
    preschools: ['Förskolan Lagaån'],
    schools: [{ name: 'Vivestadsskolan', grades: 'F-9', weight: 1 }],
    upperSecondary: null,
    upperSecondaryIn: '0781',
    leisure: 'Fritidsgården Forsen',
    bvc: ['BVC Markaryd'],
    policeArea: 'ljungby',
    bup: 'ljungby',
  },
  {
    code: '0761',
    name: 'Lessebo',
    orgName: 'Lessebo kommun',
    city: 'Lessebo',
    postalPrefix: '360',
    children: 10,
    preschools: ['Förskolan Glasbruket'],
    schools: [{ name: 'Bruksdammens skola', grades: 'F-9', weight: 1 }],
    upperSecondary: null,
    upperSecondaryIn: '0780',
    leisure: 'Fritidsgården Hyttan',
    bvc: ['BVC Lessebo'],
    policeArea: 'vaxjo',
    bup: 'vaxjo',
  },
];

export interface StaffDef {
  username: string;
  givenName: string;
  familyName: string;
  /** unit: a unit key (see seed.ts unitKey helpers), title in Swedish. */
  assignments: { role: AssignmentRole; unit: string; title: string }[];
}

/**
 * Demo professionals. Unit keys: `<code>:school:<i>`, `<code>:preschool:<i>`, `<code>:gy`,
 * `<code>:eh-med`, `<code>:eh-psy`, `<code>:soc`, `<code>:fritid`, `<code>:kaa`, `<code>:admin`,
 * `<code>:bvc:<i>`, `<code>:um`, `bup:<area>`, `police:<area>`, `region:admin`, `region:analys`.
 */
export const STAFF: readonly StaffDef[] = [
  // Växjö
  {
    username: 'anna.lindqvist',
    givenName: 'Anna',
    familyName: 'Lindqvist',
    assignments: [{ role: 'teacher', unit: '0780:school:0', title: 'Lärare' }],
  },
  {
    username: 'johan.falk',
    givenName: 'Johan',
    familyName: 'Falk',
    assignments: [{ role: 'teacher', unit: '0780:school:1', title: 'Lärare' }],
  },
  {
    username: 'per.sandberg',
    givenName: 'Per',
    familyName: 'Sandberg',
    assignments: [
      { role: 'principal', unit: '0780:school:0', title: 'Rektor' },
      { role: 'principal', unit: '0780:school:1', title: 'Rektor' },
    ],
  },
  {
    username: 'helena.strand',
    givenName: 'Helena',
    familyName: 'Strand',
    assignments: [
      { role: 'principal', unit: '0780:school:2', title: 'Rektor' },
      { role: 'principal', unit: '0780:school:4', title: 'Rektor' },
    ],
  },
  {
    username: 'mikael.lund',
    givenName: 'Mikael',
    familyName: 'Lund',
    assignments: [{ role: 'principal', unit: '0780:school:3', title: 'Rektor' }],
  },
  {
    username: 'eva.dahl',
    givenName: 'Eva',
    familyName: 'Dahl',
    assignments: [{ role: 'principal', unit: '0780:gy', title: 'Rektor' }],
  },
  {
    username: 'sofia.berglund',
    givenName: 'Sofia',
    familyName: 'Berglund',
    assignments: [{ role: 'preschool_teacher', unit: '0780:preschool:0', title: 'Förskollärare' }],
  },
  {
    username: 'ingrid.sjoberg',
    givenName: 'Ingrid',
    familyName: 'Sjöberg',
    assignments: [
      { role: 'principal', unit: '0780:preschool:0', title: 'Rektor förskola' },
      { role: 'principal', unit: '0780:preschool:1', title: 'Rektor förskola' },
    ],
  },
  {
    username: 'erik.johansson',
    givenName: 'Erik',
    familyName: 'Johansson',
    assignments: [
      { role: 'school_nurse', unit: '0780:eh-med', title: 'Skolsköterska' },
      { role: 'school_nurse', unit: '0764:eh-med', title: 'Skolsköterska' },
    ],
  },
  {
    username: 'malin.ahlgren',
    givenName: 'Malin',
    familyName: 'Ahlgren',
    assignments: [{ role: 'school_counsellor', unit: '0780:eh-psy', title: 'Skolkurator' }],
  },
  {
    username: 'david.ekstrom',
    givenName: 'David',
    familyName: 'Ekström',
    assignments: [{ role: 'school_psychologist', unit: '0780:eh-psy', title: 'Skolpsykolog' }],
  },
  {
    username: 'linnea.hed',
    givenName: 'Linnea',
    familyName: 'Hed',
    assignments: [{ role: 'special_educator', unit: '0780:eh-psy', title: 'Specialpedagog' }],
  },
  {
    username: 'gustav.nord',
    givenName: 'Gustav',
    familyName: 'Nord',
    assignments: [
      { role: 'school_doctor', unit: '0780:eh-med', title: 'Skolläkare' },
      { role: 'school_doctor', unit: '0781:eh-med', title: 'Skolläkare' },
    ],
  },
  {
    username: 'sara.nilsson',
    givenName: 'Sara',
    familyName: 'Nilsson',
    assignments: [{ role: 'social_worker', unit: '0780:soc', title: 'Socialsekreterare, barn och unga' }],
  },
  {
    username: 'jonas.lindgren',
    givenName: 'Jonas',
    familyName: 'Lindgren',
    assignments: [
      { role: 'social_worker', unit: '0780:soc', title: 'Socialsekreterare, barn och unga' },
      { role: 'social_services_manager', unit: '0780:soc', title: 'Enhetschef, barn och unga' },
    ],
  },
  {
    username: 'karin.ek',
    givenName: 'Karin',
    familyName: 'Ek',
    assignments: [{ role: 'police_officer', unit: 'police:vaxjo', title: 'Kommunpolis' }],
  },
  {
    username: 'amir.hassan',
    givenName: 'Amir',
    familyName: 'Hassan',
    assignments: [{ role: 'leisure_leader', unit: '0780:fritid', title: 'Fritidsledare' }],
  },
  {
    username: 'emma.lund',
    givenName: 'Emma',
    familyName: 'Lund',
    assignments: [
      { role: 'youth_follow_up_officer', unit: '0780:kaa', title: 'Handläggare, kommunala aktivitetsansvaret' },
    ],
  },
  {
    username: 'hanna.wall',
    givenName: 'Hanna',
    familyName: 'Wall',
    assignments: [{ role: 'child_health_nurse', unit: '0780:bvc:0', title: 'BVC-sjuksköterska' }],
  },
  {
    username: 'maja.strom',
    givenName: 'Maja',
    familyName: 'Ström',
    assignments: [{ role: 'child_health_nurse', unit: '0780:bvc:1', title: 'BVC-sjuksköterska' }],
  },
  {
    username: 'peter.holmberg',
    givenName: 'Peter',
    familyName: 'Holmberg',
    assignments: [{ role: 'child_psychiatry_clinician', unit: 'bup:vaxjo', title: 'Psykolog, BUP' }],
  },
  {
    username: 'nina.rydell',
    givenName: 'Nina',
    familyName: 'Rydell',
    assignments: [{ role: 'youth_clinic_staff', unit: '0780:um', title: 'Barnmorska, ungdomsmottagningen' }],
  },
  {
    username: 'tomas.engstrom',
    givenName: 'Tomas',
    familyName: 'Engström',
    assignments: [{ role: 'manager', unit: '0780:admin', title: 'Skolchef' }],
  },
  {
    username: 'lisa.wallin',
    givenName: 'Lisa',
    familyName: 'Wallin',
    assignments: [{ role: 'unit_admin', unit: '0780:admin', title: 'Systemförvaltare' }],
  },
  // Ljungby
  {
    username: 'maria.holm',
    givenName: 'Maria',
    familyName: 'Holm',
    assignments: [{ role: 'teacher', unit: '0781:school:0', title: 'Lärare' }],
  },
  {
    username: 'anders.wik',
    givenName: 'Anders',
    familyName: 'Wik',
    assignments: [
      { role: 'principal', unit: '0781:school:0', title: 'Rektor' },
      { role: 'principal', unit: '0781:school:1', title: 'Rektor' },
    ],
  },
  {
    username: 'lena.borg',
    givenName: 'Lena',
    familyName: 'Borg',
    assignments: [{ role: 'principal', unit: '0781:gy', title: 'Rektor' }],
  },
  {
    username: 'kristina.lager',
    givenName: 'Kristina',
    familyName: 'Lager',
    assignments: [{ role: 'school_nurse', unit: '0781:eh-med', title: 'Skolsköterska' }],
  },
  {
    username: 'fredrik.ask',
    givenName: 'Fredrik',
    familyName: 'Ask',
    assignments: [{ role: 'school_counsellor', unit: '0781:eh-psy', title: 'Skolkurator' }],
  },
  {
    username: 'sanna.kvist',
    givenName: 'Sanna',
    familyName: 'Kvist',
    assignments: [{ role: 'social_worker', unit: '0781:soc', title: 'Socialsekreterare, barn och unga' }],
  },
  {
    username: 'olof.stark',
    givenName: 'Olof',
    familyName: 'Stark',
    assignments: [{ role: 'police_officer', unit: 'police:ljungby', title: 'Kommunpolis' }],
  },
  {
    username: 'elin.blom',
    givenName: 'Elin',
    familyName: 'Blom',
    assignments: [{ role: 'child_health_nurse', unit: '0781:bvc:0', title: 'BVC-sjuksköterska' }],
  },
  {
    username: 'ahmed.yusuf',
    givenName: 'Ahmed',
    familyName: 'Yusuf',
    assignments: [{ role: 'leisure_leader', unit: '0781:fritid', title: 'Fritidsledare' }],
  },
  {
    username: 'petra.nyman',
    givenName: 'Petra',
    familyName: 'Nyman',
    assignments: [{ role: 'preschool_teacher', unit: '0781:preschool:0', title: 'Förskollärare' }],
  },
  // Alvesta, Älmhult, Tingsryd
  {
    username: 'ulf.nyberg',
    givenName: 'Ulf',
    familyName: 'Nyberg',
    assignments: [{ role: 'principal', unit: '0764:school:0', title: 'Rektor' }],
  },
  {
    username: 'johanna.aberg',
    givenName: 'Johanna',
    familyName: 'Åberg',
    assignments: [{ role: 'teacher', unit: '0764:school:0', title: 'Lärare' }],
  },
  {
    username: 'anneli.frid',
    givenName: 'Anneli',
    familyName: 'Frid',
    assignments: [{ role: 'child_health_nurse', unit: '0764:bvc:0', title: 'BVC-sjuksköterska' }],
  },
  {
    username: 'cecilia.roos',
    givenName: 'Cecilia',
    familyName: 'Roos',
    assignments: [{ role: 'principal', unit: '0765:school:0', title: 'Rektor' }],
  },
  {
    username: 'rasmus.holt',
    givenName: 'Rasmus',
    familyName: 'Holt',
    assignments: [{ role: 'teacher', unit: '0765:school:0', title: 'Lärare' }],
  },
  {
    username: 'goran.alm',
    givenName: 'Göran',
    familyName: 'Alm',
    assignments: [{ role: 'principal', unit: '0763:school:0', title: 'Rektor' }],
  },
  // Region Kronoberg
  {
    username: 'admin.kronoberg',
    givenName: 'Admin',
    familyName: 'Kronoberg',
    assignments: [{ role: 'system_admin', unit: 'region:admin', title: 'Systemadministratör' }],
  },
  {
    username: 'lars.berg',
    givenName: 'Lars',
    familyName: 'Berg',
    assignments: [{ role: 'analyst', unit: 'region:analys', title: 'Analytiker' }],
  },
  {
    username: 'birgitta.sund',
    givenName: 'Birgitta',
    familyName: 'Sund',
    assignments: [{ role: 'manager', unit: 'region:admin', title: 'Verksamhetschef, barn- och ungdomshälsa' }],
  },
];

/** Demo login names with a short description (what each one is for). */
export const DEMO_USERS = {
  'anna.lindqvist': 'Lärare, Furuboskolan (Växjö); ett uppdrag; i teamet kring minst fem barn och tidigare i ett',
  'johan.falk': 'Lärare, Granbackeskolan (Växjö); inte med i något team (ser inga barn)',
  'per.sandberg': 'Rektor för Furuboskolan och Granbackeskolan (Växjö); två uppdrag; barnets bästa-ansvarig',
  'helena.strand': 'Rektor för Sjöviksskolan och Lindåsskolan (Växjö); två uppdrag',
  'mikael.lund': 'Rektor, Björkhagaskolan (Växjö)',
  'eva.dahl': 'Rektor, Sjöstadsgymnasiet (Växjö)',
  'sofia.berglund': 'Förskollärare, Förskolan Solrosen (Växjö)',
  'ingrid.sjoberg': 'Rektor för Förskolan Solrosen och Förskolan Ekorren (Växjö); två uppdrag',
  'erik.johansson': 'Skolsköterska i Växjö och i Alvesta (EMI); två uppdrag i två kommuner; i team i båda',
  'malin.ahlgren': 'Skolkurator, Elevhälsan Växjö – psykosocial insats',
  'david.ekstrom': 'Skolpsykolog, Elevhälsan Växjö – psykosocial insats',
  'linnea.hed': 'Specialpedagog, Elevhälsan Växjö – psykosocial insats',
  'gustav.nord': 'Skolläkare i Växjö och Ljungby (EMI); två uppdrag',
  'sara.nilsson': 'Socialsekreterare, Socialtjänsten Växjö – barn och unga; i flera team',
  'jonas.lindgren': 'Socialsekreterare och enhetschef, Socialtjänsten Växjö; två uppdrag',
  'karin.ek': 'Kommunpolis, Lokalpolisområde Växjö; i teamet kring 1–2 barn',
  'amir.hassan': 'Fritidsledare, Fritidsgården Kvarnen (Växjö)',
  'emma.lund': 'Handläggare, kommunala aktivitetsansvaret (KAA) Växjö',
  'hanna.wall': 'BVC-sjuksköterska, BVC Växjö norr (Region Kronoberg)',
  'maja.strom': 'BVC-sjuksköterska, BVC Växjö söder (Region Kronoberg)',
  'peter.holmberg': 'Psykolog, BUP Växjö (Region Kronoberg)',
  'nina.rydell': 'Barnmorska, Ungdomsmottagningen Växjö (Region Kronoberg)',
  'tomas.engstrom': 'Skolchef, Växjö kommun (chef)',
  'lisa.wallin': 'Systemförvaltare, Växjö kommun (enhetsadministratör)',
  'maria.holm': 'Lärare, Ådalsskolan (Ljungby); bara i team kring barn i Ljungby',
  'anders.wik': 'Rektor för Ådalsskolan och Kvarnbackaskolan (Ljungby); två uppdrag',
  'lena.borg': 'Rektor, Lagadalsgymnasiet (Ljungby)',
  'kristina.lager': 'Skolsköterska, Elevhälsan Ljungby – medicinsk insats',
  'fredrik.ask': 'Skolkurator, Elevhälsan Ljungby – psykosocial insats',
  'sanna.kvist': 'Socialsekreterare, Socialtjänsten Ljungby – barn och unga',
  'olof.stark': 'Kommunpolis, Lokalpolisområde Ljungby',
  'elin.blom': 'BVC-sjuksköterska, BVC Ljungby (Region Kronoberg)',
  'ahmed.yusuf': 'Fritidsledare, Fritidsgården Ågården (Ljungby)',
  'petra.nyman': 'Förskollärare, Förskolan Blåklockan (Ljungby)',
  'ulf.nyberg': 'Rektor, Skogsbrynets skola (Alvesta)',
  'johanna.aberg': 'Lärare, Skogsbrynets skola (Alvesta)',
  'anneli.frid': 'BVC-sjuksköterska, BVC Alvesta (Region Kronoberg)',
  'cecilia.roos': 'Rektor, Ekdungeskolan (Älmhult)',
  'rasmus.holt': 'Lärare, Ekdungeskolan (Älmhult)',
  'goran.alm': 'Rektor, Konnebergsskolan (Tingsryd)',
  'admin.kronoberg': 'Systemadministratör, Region Kronoberg; inga team',
  'lars.berg': 'Analytiker, Region Kronoberg – Analys och uppföljning; inga team',
  'birgitta.sund': 'Verksamhetschef, Region Kronoberg (chef)',
} as const satisfies Record<string, string>;

export type DemoUsername = keyof typeof DEMO_USERS;

// ---- names (common Swedish names, plus names reflecting the county's population) ----

export const GIRL_NAMES = [
  'Alice',
  'Maja',
  'Elsa',
  'Astrid',
  'Wilma',
  'Freja',
  'Olivia',
  'Selma',
  'Ebba',
  'Alma',
  'Vera',
  'Saga',
  'Ella',
  'Signe',
  'Ines',
  'Nora',
  'Lilly',
  'Stella',
  'Clara',
  'Agnes',
  'Ellen',
  'Molly',
  'Lova',
  'Tyra',
  'Elvira',
  'Julia',
  'Linnea',
  'Ida',
];
export const BOY_NAMES = [
  'Noah',
  'William',
  'Hugo',
  'Lucas',
  'Liam',
  'Oscar',
  'Oliver',
  'Elias',
  'Vincent',
  'Adam',
  'Nils',
  'Alexander',
  'Leo',
  'Theo',
  'Ludvig',
  'Axel',
  'Frans',
  'Viktor',
  'Olle',
  'Melvin',
  'Elton',
  'Isak',
  'Sixten',
  'Gustav',
  'Arvid',
  'Edvin',
  'Alfred',
  'Charlie',
];
export const GIRL_NAMES_INTL = [
  'Amira',
  'Zahra',
  'Fatima',
  'Mariam',
  'Aya',
  'Layla',
  'Noor',
  'Yasmin',
  'Hana',
  'Amina',
  'Leila',
  'Zeynep',
  'Sofija',
  'Mina',
  'Hawa',
  'Nasra',
];
export const BOY_NAMES_INTL = [
  'Mohammed',
  'Ali',
  'Omar',
  'Yusuf',
  'Ibrahim',
  'Ahmad',
  'Hassan',
  'Mustafa',
  'Karim',
  'Emir',
  'Luka',
  'Milan',
  'Mateo',
  'Abdi',
  'Adnan',
  'Tariq',
];

export const WOMAN_NAMES = [
  'Anna',
  'Maria',
  'Karin',
  'Sara',
  'Emma',
  'Lisa',
  'Johanna',
  'Sofia',
  'Linda',
  'Jenny',
  'Malin',
  'Hanna',
  'Elin',
  'Frida',
  'Camilla',
  'Jessica',
  'Therese',
  'Amanda',
  'Ida',
  'Caroline',
  'Louise',
  'Matilda',
];
export const MAN_NAMES = [
  'Erik',
  'Lars',
  'Anders',
  'Johan',
  'Peter',
  'Daniel',
  'Mikael',
  'Fredrik',
  'Marcus',
  'Andreas',
  'Jonas',
  'Niklas',
  'Mattias',
  'Magnus',
  'Henrik',
  'Martin',
  'Tobias',
  'Robert',
  'Patrik',
  'Simon',
  'Christoffer',
  'Joakim',
];
export const WOMAN_NAMES_INTL = [
  'Fatima',
  'Amina',
  'Leila',
  'Yasmin',
  'Nadia',
  'Samira',
  'Aisha',
  'Dragana',
  'Agnieszka',
  'Ayan',
  'Rania',
  'Elif',
];
export const MAN_NAMES_INTL = [
  'Mohammed',
  'Ahmed',
  'Ali',
  'Omar',
  'Hassan',
  'Abdullahi',
  'Goran',
  'Piotr',
  'Mehmet',
  'Karim',
  'Samir',
  'Bilal',
];

export const SURNAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Lindström',
  'Olofsson',
  'Lindgren',
  'Axelsson',
  'Bergström',
  'Lundberg',
  'Lundgren',
  'Lundqvist',
  'Mattsson',
  'Berglund',
  'Fredriksson',
  'Sandberg',
  'Henriksson',
  'Sjöberg',
  'Wallin',
  'Engström',
  'Danielsson',
  'Håkansson',
  'Forsberg',
  'Nyström',
  'Holmqvist',
];
export const SURNAMES_INTL = [
  'Ali',
  'Mohammed',
  'Ahmed',
  'Hassan',
  'Hussein',
  'Abdi',
  'Yilmaz',
  'Nguyen',
  'Kovačević',
  'Popescu',
  'Nowak',
  'Haddad',
  'Rahimi',
  'Hosseini',
  'Osman',
  'Ibrahim',
  'Karimi',
  'Demir',
];

export const STREETS = [
  'Blåbärsstigen',
  'Lingonvägen',
  'Tallbacksgatan',
  'Ekorrvägen',
  'Björkallén',
  'Vitsippsvägen',
  'Skogsduvevägen',
  'Näckrosgatan',
  'Hjortronstigen',
  'Kvarnbäcksvägen',
  'Smedjegatan',
  'Lindbacken',
  'Rönnbärsvägen',
  'Syrenvägen',
  'Granstigen',
  'Mossvägen',
  'Ljungvägen',
  'Sjöbrisvägen',
  'Hästhagsvägen',
  'Gärdesvägen',
  'Stenmursvägen',
  'Ängsvägen',
  'Klövervägen',
  'Humlegatan',
  'Trastvägen',
  'Lärkvägen',
  'Bokvägen',
  'Aspvägen',
  'Hasselstigen',
  'Videvägen',
];

/**
 * The 495 telephone numbers PTS holds back for fiction ("Telefonnummer till böcker och filmer",
 * https://www.pts.se/internet-och-telefoni/telefonnummer-och-adressering/telefonnummer-till-bocker-och-filmer/):
 * mobile 070-1740605…1740699, and 08-46500400…499, 031-3900600…699, 040-6280400…499, 0980-319200…299.
 * Mobile numbers are handed out first.
 */
export function fictionalPhoneNumbers(): string[] {
  const out: string[] = [];
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let n = 5; n <= 99; n++) out.push(`070-174 06 ${pad(n)}`);
  for (let n = 0; n <= 99; n++) out.push(`0980-319 2${pad(n)}`);
  for (let n = 0; n <= 99; n++) out.push(`040-628 04 ${pad(n)}`);
  for (let n = 0; n <= 99; n++) out.push(`031-390 06 ${pad(n)}`);
  for (let n = 0; n <= 99; n++) out.push(`08-465 004 ${pad(n)}`);
  return out;
}

/** Lower-case ASCII for e-mail addresses. */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Demo users who must never be on a team. */
export const NEVER_ON_TEAMS = new Set(['johan.falk', 'admin.kronoberg', 'lars.berg']);
