import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectPdf } from './inspect.js';
import { PdfRenderer } from './render.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const doc = (heading: string, lang = 'sv', title = 'Barnets plan') => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<style>body { font-family: sans-serif; } table { border-collapse: collapse; }</style></head>
<body><main>
<h1>${heading}</h1>
<h2>Åtgärder</h2>
<table><caption>Åtgärder i planen</caption>
<thead><tr><th scope="col">Vad</th><th scope="col">Klart senast</th></tr></thead>
<tbody><tr><td>Läxhjälp två gånger i veckan</td><td>2026-12-01</td></tr></tbody></table>
<svg role="img" aria-labelledby="c-t" width="120" height="120" viewBox="0 0 120 120"><title id="c-t">Hjulet: trygg 4 av 5</title><circle cx="60" cy="60" r="50" fill="none" stroke="black"/></svg>
<img src="https://example.org/tracker.png" alt="">
</main></body></html>`;

describe.skipIf(!existsSync(CHROMIUM))('renderHtmlToPdf (Chromium print to a tagged PDF)', () => {
  const renderer = new PdfRenderer(CHROMIUM);
  afterAll(() => renderer.close());

  it('prints a tagged A4 PDF with language, title, structure, outline and extractable Swedish text', async () => {
    const pdf = await renderer.render(doc('Barnets plan för Åsa Öberg'), { lang: 'sv', title: 'Barnets plan' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/MarkInfo\s*<<[^>]*\/Marked true/);
    expect(raw).toContain('/Lang (sv)');
    const info = inspectPdf(pdf);
    expect(info).toMatchObject({
      title: 'Barnets plan',
      lang: 'sv',
      tagged: true,
      hasStructTree: true,
      hasOutline: true,
      pageCount: 1,
    });
    expect(info.structTypes).toEqual(
      expect.arrayContaining(['Document', 'H1', 'H2', 'Table', 'Caption', 'TH', 'TD', 'Figure']),
    );
    expect(info.altTexts).toContain('Hjulet: trygg 4 av 5');
    expect(info.text).toContain('Barnets plan för Åsa Öberg');
    expect(info.text).toContain('Läxhjälp två gånger i veckan');
    // A4 portrait
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.9\d* 842\.8\d*\]/);
  });

  it('serves concurrent renders from one browser, and relaunches after a crash', async () => {
    const pdfs = await Promise.all(
      ['Ett', 'Två', 'Tre', 'Fyra'].map((h) =>
        renderer.render(doc(`Plan ${h}`), { lang: 'sv', title: 'Barnets plan' }),
      ),
    );
    pdfs.forEach((pdf, i) => expect(inspectPdf(pdf).text).toContain(`Plan ${['Ett', 'Två', 'Tre', 'Fyra'][i]}`));
    const browser = await (renderer as unknown as { browser: Promise<import('playwright-core').Browser> }).browser;
    // Kill the process behind the renderer's back, as a crash would.
    await browser.close();
    const after = await renderer.render(doc('Efter kraschen'), { lang: 'sv', title: 'Barnets plan' });
    expect(inspectPdf(after).text).toContain('Efter kraschen');
  });

  it('prints English documents with /Lang (en)', async () => {
    const info = inspectPdf(
      await renderer.render(doc("The child's plan", 'en', 'Child&#x27;s plan'), { lang: 'en', title: "Child's plan" }),
    );
    expect(info).toMatchObject({ lang: 'en', title: "Child's plan" });
  });

  it('refuses a document without the language or title the PDF is tagged with', async () => {
    await expect(renderer.render('<p>hej</p>', { lang: 'sv', title: 'x' })).rejects.toThrow(/complete HTML document/);
    await expect(renderer.render(doc('x', 'en'), { lang: 'sv', title: 'Barnets plan' })).rejects.toThrow(/lang/);
    await expect(renderer.render(doc('x'), { lang: 'sv', title: 'Annat' })).rejects.toThrow(/title/);
  });

  it('closes its browser when the last user releases it', async () => {
    const a = renderer.acquire();
    const b = renderer.acquire();
    await renderer.render(doc('x'), { lang: 'sv', title: 'Barnets plan' });
    await a.release();
    expect((renderer as unknown as { browser: unknown }).browser).not.toBeNull();
    await b.release();
    expect((renderer as unknown as { browser: unknown }).browser).toBeNull();
  });
});
