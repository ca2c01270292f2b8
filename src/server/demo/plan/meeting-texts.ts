/** The demo's meeting, review and closing texts (Swedish, written for this demo). */

export const FIRST_PURPOSE = [
  'Nätverksmöte: vi gör barnets plan tillsammans',
  'Första nätverksmötet med familjen',
  'Uppstartsmöte för barnets plan',
];
export const FOLLOW_PURPOSE = [
  'Uppföljning av barnets plan',
  'Nätverksmöte: hur har det gått?',
  'Uppföljning med barnet och vårdnadshavarna',
];
export const FIRST_AGENDA = [
  'Vi presenterar oss',
  'Barnets röst: det här tycker jag',
  'Vad fungerar och vad är svårt',
  'Åtgärder och vem som gör vad',
  'Nästa möte',
];
export const FOLLOW_AGENDA = [
  'Hur har det gått sedan sist',
  'Barnets och vårdnadshavarnas syn',
  'Genomgång av åtgärderna',
  'Hjulet jämfört med förra gången',
  'Nästa uppföljning',
];
export const FIRST_NOTES = [
  'Alla presenterade sig. Barnet var med en stund i början och berättade vad som är bäst och svårast i skolan. Vårdnadshavarna beskrev morgnarna som det svåraste. Vi kom överens om planens åtgärder och vem som ansvarar.',
  'Mötet började med barnets egna ord. Skolan och elevhälsan beskrev vad de ser. Vårdnadshavarna vill ha tätare kontakt med skolan. Alla är överens om att börja med små steg.',
  'Vi gick igenom hjulet tillsammans. Trygghet och delaktighet är det som behöver stärkas mest. Socialtjänsten erbjuder föräldrastöd. Samordnaren skickar ut planen efter mötet.',
];
export const FOLLOW_NOTES = [
  'Barnet säger att det går bättre på rasterna. Närvaron har ökat. Vårdnadshavarna upplever att kontakten med skolan fungerar. Matematiken är fortfarande svår.',
  'Sömnen är bättre enligt barnet själv. Samtalen hos kuratorn hjälper. Vi behöver fortsätta med åtgärderna för skolarbetet och se över om fler verksamheter behövs.',
  'Familjen har gått föräldrastödsprogrammet och tycker att det gett mycket. Barnet vill själv fortsätta med fritidsaktiviteten. Några åtgärder är klara och stryks.',
];
export const PLAIN_DECISIONS = [
  'Planen gäller fram till nästa uppföljning. Samordnaren bokar mötet.',
  'Vårdnadshavarna får en utskrift av planen. Barnet vill ha sin egen kopia.',
  'Skolan och socialtjänsten stämmer av per telefon varannan vecka.',
  'Vi väntar med en BUP-remiss tills skolans anpassningar har utvärderats.',
];
export const REVIEW_SUMMARIES = [
  'Det går åt rätt håll. Barnet är mer i skolan och säger själv att det känns tryggare. Vi fortsätter med de flesta åtgärderna.',
  'Delvis bättre. Hemmet fungerar bättre, skolarbetet är fortfarande tungt. Några åtgärder ändras och en ny verksamhet behöver kopplas in.',
  'Barnet och vårdnadshavarna är nöjda med stödet. Flera åtgärder är klara. Planen fortsätter till nästa uppföljning.',
];
export const BRING_IN = [
  'Fritidsgården bör kopplas in för att ge en meningsfull fritid.',
  'BUP behöver göra en bedömning; samordnaren tar kontakt.',
  'Socialtjänsten erbjuds att delta med familjestöd.',
];
export interface Closing {
  code: 'goals_met' | 'moved' | 'family_declined' | 'handed_over_to_social_services';
  text: string | null;
}
export const CLOSINGS: Closing[] = [
  { code: 'goals_met', text: null },
  {
    code: 'moved',
    text: 'Familjen har flyttat till en annan kommun. Med familjens samtycke har den nya skolan fått veta vad som fungerat.',
  },
  {
    code: 'family_declined',
    text: 'Vårdnadshavarna vill inte fortsätta med planen. Skolan ger stöd inom den vanliga verksamheten.',
  },
  { code: 'handed_over_to_social_services', text: 'Socialtjänsten har inlett en utredning och tar över samordningen.' },
];
export const CLOSE_WORDS: Record<string, string> = {
  goals_met: 'Målen är uppnådda',
  moved: 'Familjen har flyttat',
  family_declined: 'Familjen tackade nej till fortsatt stöd',
  handed_over_to_social_services: 'Överlämnad till socialtjänsten',
};
