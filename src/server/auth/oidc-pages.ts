/**
 * Small server-rendered pages for the login flow (errors, the demo user list, the identity
 * provider's own pages). Swedish first with an English line, no inline scripts or styles (the
 * app's Content-Security-Policy allows neither), and never any personal data in error pages.
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface PageInput {
  /** The document title (Swedish). */
  title: string;
  heading: string;
  /** Swedish paragraphs. */
  paragraphs: string[];
  /** One English line for those who do not read Swedish. */
  english: string;
  /** Extra, already-escaped HTML placed after the text. */
  extraHtml?: string;
  link?: { href: string; text: string } | null;
}

export function renderPage(p: PageInput): string {
  const link =
    p.link === null
      ? ''
      : `<p><a href="${escapeHtml(p.link?.href ?? '/login')}">${escapeHtml(p.link?.text ?? 'Tillbaka till inloggningen')}</a></p>`;
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(p.title)} – Barnkompass</title>
</head>
<body>
<main>
<h1>${escapeHtml(p.heading)}</h1>
${p.paragraphs.map((t) => `<p>${escapeHtml(t)}</p>`).join('\n')}
<p lang="en">${escapeHtml(p.english)}</p>
${p.extraHtml ?? ''}
${link}
</main>
</body>
</html>
`;
}

export function loginFailedPage(): string {
  return renderPage({
    title: 'Inloggningen misslyckades',
    heading: 'Inloggningen misslyckades',
    paragraphs: [
      'Vi kunde inte logga in dig. Inloggningen kan ha tagit för lång tid, ha påbörjats i ett annat fönster, eller så saknar ditt konto behörighet till Barnkompass.',
      'Försök igen. Kontakta din administratör om det fortsätter.',
    ],
    english: 'Login failed. Please try again, and contact your administrator if it keeps happening.',
  });
}

export function loginUnavailablePage(): string {
  return renderPage({
    title: 'Inloggningen är inte tillgänglig',
    heading: 'Inloggningen är inte tillgänglig just nu',
    paragraphs: ['Vi når inte inloggningstjänsten (identitetsleverantören). Försök igen om en stund.'],
    english: 'The identity provider cannot be reached right now. Please try again in a moment.',
  });
}

export function badLoginRequestPage(): string {
  return renderPage({
    title: 'Felaktig inloggningslänk',
    heading: 'Felaktig inloggningslänk',
    paragraphs: ['Länken du följde för att logga in är inte giltig. Börja om från inloggningssidan.'],
    english: 'The login link is not valid. Start again from the login page.',
  });
}

export interface DemoUserLink {
  id: string;
  name: string;
  titles: string[];
}

/** The demo identity provider's login page: fictional users, each a link that logs in as them. */
export function demoUserListPage(users: DemoUserLink[], loginPath: string): string {
  const items = users
    .map((u) => {
      const href = `${loginPath}?hint=${encodeURIComponent(u.id)}`;
      const titles = u.titles.length ? ` <span>(${escapeHtml(u.titles.join(', '))})</span>` : '';
      return `<li><a href="${escapeHtml(href)}">${escapeHtml(u.name)}</a>${titles}</li>`;
    })
    .join('\n');
  return renderPage({
    title: 'Välj demoanvändare',
    heading: 'Logga in som demoanvändare',
    paragraphs: ['Det här är demoläget. Alla personer och barn är påhittade. Välj vem du vill logga in som.'],
    english: 'Demo mode: all people and children are fictional. Choose a user to log in as.',
    extraHtml: users.length
      ? `<nav aria-labelledby="demo-users-heading">\n<h2 id="demo-users-heading">Demoanvändare</h2>\n<ul>\n${items}\n</ul>\n</nav>`
      : '<p>Det finns inga demoanvändare i databasen.</p>',
  });
}

/** The family's login: the provider sent no personnummer (a broker set up without the claim). */
export function familyNoPersonnummerPage(): string {
  return renderPage({
    title: 'Inloggningen gav inget personnummer',
    heading: 'Inloggningen gav inget personnummer',
    paragraphs: [
      'Du loggade in, men inloggningstjänsten skickade inte ditt personnummer till Barnkompass. Utan det kan vi inte visa något för dig.',
      'Försök igen med BankID eller Freja. Om det händer igen: kontakta kommunen, felet ligger hos inloggningstjänsten.',
    ],
    english:
      'You logged in, but the login service did not send your personal identity number, so nothing can be shown. Try again; if it keeps happening, contact the municipality.',
    link: { href: '/familj', text: 'Tillbaka till Barnkompass för familjer' },
  });
}

/** The family's login: nothing in Barnkompass for this person (the same page whatever the reason). */
export function familyNothingPage(): string {
  return renderPage({
    title: 'Det finns inget att visa',
    heading: 'Det finns inget att visa för dig här',
    paragraphs: [
      'Du är inloggad, men det finns inget i Barnkompass som du kan se just nu.',
      'Har du frågor om ditt barns stöd: kontakta barnets skola, förskola eller socialtjänsten.',
    ],
    english: 'You are logged in, but there is nothing in Barnkompass for you to see right now.',
    link: { href: '/familj', text: 'Tillbaka till Barnkompass för familjer' },
  });
}

export function familyLoginFailedPage(): string {
  return renderPage({
    title: 'Inloggningen misslyckades',
    heading: 'Inloggningen misslyckades',
    paragraphs: [
      'Vi kunde inte logga in dig. Inloggningen kan ha tagit för lång tid eller ha påbörjats i ett annat fönster.',
      'Försök igen från början.',
    ],
    english: 'Login failed. Please start again.',
    link: { href: '/familj', text: 'Tillbaka till Barnkompass för familjer' },
  });
}
