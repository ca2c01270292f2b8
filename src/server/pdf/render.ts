import { chromium, type Browser } from 'playwright-core';

/**
 * Server-side PDF printing: a complete, self-contained HTML document → a tagged PDF (PDF/UA-style
 * structure tree, document outline, /Lang and /Title from the document), printed by Chromium.
 *
 * One browser process is shared: launched on the first render, reused by every later one (each
 * render gets its own short-lived browser context), relaunched when it has crashed or been closed,
 * and closed when the last app that uses it shuts down (`acquirePdfRenderer` / `release`).
 * The page never touches the network: every request it tries is aborted, JavaScript is off, and
 * the HTML is set directly (no URL), so nothing but the given document ends up in the PDF.
 */
export interface PdfOptions {
  lang: 'sv' | 'en';
  title: string;
}

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-extensions',
];
/** Renders at a time; more wait their turn (the machine's cores are shared with the app). */
const MAX_CONCURRENT = 2;
const RENDER_TIMEOUT_MS = 30_000;

export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private users = 0;

  constructor(private executablePath: string) {}

  /** Points the renderer at another Chromium (takes effect at the next launch). */
  setExecutablePath(path: string): void {
    this.executablePath = path;
  }

  async render(html: string, opts: PdfOptions): Promise<Buffer> {
    assertDocument(html, opts);
    await this.slot();
    try {
      try {
        return await this.renderOnce(html);
      } catch (err) {
        // A browser that died under us (crash, killed) is relaunched once; other errors stand.
        if (await this.isDead()) return await this.renderOnce(html);
        throw err;
      }
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Counts an app that uses the renderer; its `release` closes the browser when it was the last. */
  acquire(): { release(): Promise<void> } {
    this.users++;
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        this.users--;
        if (this.users === 0) await this.close();
      },
    };
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (!b) return;
    try {
      await (await b).close();
    } catch {
      // already gone
    }
  }

  private async slot(): Promise<void> {
    while (this.running >= MAX_CONCURRENT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const p = chromium
        .launch({ executablePath: this.executablePath, args: LAUNCH_ARGS, timeout: RENDER_TIMEOUT_MS })
        .then((b) => {
          b.on('disconnected', () => {
            if (this.browser === p) this.browser = null;
          });
          return b;
        });
      p.catch(() => {
        if (this.browser === p) this.browser = null;
      });
      this.browser = p;
    }
    return this.browser;
  }

  private async isDead(): Promise<boolean> {
    const b = this.browser;
    if (!b) return true;
    try {
      return !(await b).isConnected();
    } catch {
      return true;
    }
  }

  private async renderOnce(html: string): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(RENDER_TIMEOUT_MS);
      await page.route('**/*', (route) => route.abort('blockedbyclient'));
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({
        tagged: true,
        outline: true,
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
      });
    } finally {
      await context.close().catch(() => undefined);
    }
  }
}

/** The document must carry what a tagged PDF takes its language and title from. */
function assertDocument(html: string, opts: PdfOptions): void {
  if (!/^\s*<!doctype html>/i.test(html))
    throw new Error('renderHtmlToPdf needs a complete HTML document (<!doctype html>)');
  const lang = /<html[^>]*\slang="([^"]+)"/i.exec(html)?.[1];
  if (lang !== opts.lang)
    throw new Error(`renderHtmlToPdf: <html lang> must be "${opts.lang}" (got ${lang ? `"${lang}"` : 'none'})`);
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1];
  if (!title || !opts.title.trim()) throw new Error('renderHtmlToPdf: the document needs a non-empty <title>');
  if (unescapeHtml(title).trim() !== opts.title.trim())
    throw new Error('renderHtmlToPdf: the document <title> must be opts.title');
}

/** The process-wide renderer. Apps call `acquirePdfRenderer(config.chromiumPath)` and release it on close. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function unescapeHtml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return named[e.toLowerCase()] ?? all;
  });
}

const shared = new PdfRenderer(process.env.CHROMIUM_PATH || '/usr/bin/chromium');

export function acquirePdfRenderer(executablePath: string): { release(): Promise<void> } {
  shared.setExecutablePath(executablePath);
  return shared.acquire();
}

/**
 * Prints a complete HTML document (with `<html lang>` equal to `opts.lang` and a `<title>`) to a
 * tagged A4 PDF with an outline from its headings. Uses the shared browser (launched lazily).
 */
export function renderHtmlToPdf(html: string, opts: PdfOptions): Promise<Buffer> {
  return shared.render(html, opts);
}

/** Closes the shared browser now (a later render launches a new one). */
export function closePdfRenderer(): Promise<void> {
  return shared.close();
}
