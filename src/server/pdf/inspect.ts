import { inflateSync } from 'node:zlib';

/**
 * A small reader for the PDFs Chromium (Skia) writes: enough to check in tests that a PDF is
 * tagged (structure tree, /MarkInfo, /Lang, /Title), what its structure elements are, and what
 * text a reader would extract (content streams decoded through each font's /ToUnicode CMap).
 * Not a general PDF parser: no object streams, no encryption — Skia writes neither.
 */
export interface PdfObject {
  id: number;
  dict: string;
  stream: Buffer | null;
}

export interface PdfInfo {
  /** The document information /Title, decoded. */
  title: string | null;
  /** The catalog's /Lang. */
  lang: string | null;
  tagged: boolean;
  hasStructTree: boolean;
  hasOutline: boolean;
  /** Structure element types in document order (/Document, /H1, /Table, /TH, /Figure, ...). */
  structTypes: string[];
  /** /Alt texts of structure elements (figures). */
  altTexts: string[];
  /** The text of all pages, one line per text object, in content order. */
  text: string;
  pageCount: number;
}

export function parsePdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const id = Number(m[1]);
    const from = m.index + m[0].length;
    const end = s.indexOf('endobj', from);
    if (end < 0) break;
    const body = s.slice(from, end);
    const si = body.search(/\bstream\r?\n/);
    if (si < 0) {
      out.set(id, { id, dict: body.trim(), stream: null });
    } else {
      const dict = body.slice(0, si).trim();
      let start = from + si + 'stream'.length;
      if (s[start] === '\r') start++;
      if (s[start] === '\n') start++;
      const len = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(dict);
      const stop = len ? start + Number(len[1]) : s.indexOf('endstream', start);
      let data = pdf.subarray(start, stop);
      if (/\/Filter\s*\/FlateDecode/.test(dict)) data = inflateSync(data);
      out.set(id, { id, dict, stream: data });
    }
    re.lastIndex = end;
  }
  return out;
}

/** A PDF string literal "(...)" or hex "<FEFF...>" → text. */
export function decodePdfString(raw: string): string {
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    const bytes = Buffer.from(hex, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be(bytes.subarray(2));
    return bytes.toString('latin1');
  }
  const inner = raw.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) => {
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return map[c] ?? String.fromCharCode(parseInt(c, 8));
  });
  const bytes = Buffer.from(inner, 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be(bytes.subarray(2));
  return inner;
}

function utf16be(b: Buffer): string {
  let out = '';
  for (let i = 0; i + 1 < b.length; i += 2) out += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
  return out;
}

const STRING = String.raw`(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)`;

interface CMap {
  bytes: number;
  map: Map<number, string>;
}

function parseCMap(text: string): CMap {
  const map = new Map<number, string>();
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(text);
  const bytes = space ? space[1]!.length / 2 : 2;
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(parseInt(src!, 16), utf16be(Buffer.from(dst!, 'hex')));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1]!.matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g,
    )) {
      const a = parseInt(lo!, 16);
      const b = parseInt(hi!, 16);
      if (rest!.startsWith('[')) {
        [...rest!.matchAll(/<([0-9A-Fa-f]+)>/g)].forEach((d, i) => map.set(a + i, utf16be(Buffer.from(d[1]!, 'hex'))));
      } else {
        const base = Buffer.from(rest!.slice(1, -1), 'hex');
        for (let c = a; c <= b; c++) {
          const d = Buffer.from(base);
          d.writeUInt16BE((d.readUInt16BE(d.length - 2) + (c - a)) & 0xffff, d.length - 2);
          map.set(c, utf16be(d));
        }
      }
    }
  }
  return { bytes, map };
}

function ref(dict: string, key: string): number | null {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m ? Number(m[1]) : null;
}

function decodeShown(raw: string, cmap: CMap | undefined): string {
  let bytes: Buffer;
  if (raw.startsWith('<')) bytes = Buffer.from(raw.slice(1, -1).replace(/\s+/g, ''), 'hex');
  else bytes = Buffer.from(decodePdfString(raw), 'latin1');
  if (!cmap) return bytes.toString('latin1');
  let out = '';
  for (let i = 0; i + cmap.bytes <= bytes.length; i += cmap.bytes) {
    const code = cmap.bytes === 2 ? bytes.readUInt16BE(i) : bytes[i]!;
    out += cmap.map.get(code) ?? '';
  }
  return out;
}

/** The text shown by one content stream, one line per BT…ET text object. */
function contentText(content: string, fonts: Map<string, CMap | undefined>): string {
  const lines: string[] = [];
  let font: CMap | undefined;
  let line = '';
  const token = new RegExp(
    String.raw`/([A-Za-z0-9_.]+)\s+[-\d.]+\s+Tf|${STRING}\s*Tj|\[((?:${STRING}|[-\d.\s])*)\]\s*TJ|\bBT\b|\bET\b`,
    'g',
  );
  for (const m of content.matchAll(token)) {
    if (m[1]) font = fonts.get(m[1]);
    else if (m[2]) line += decodeShown(m[2], font);
    else if (m[3] !== undefined)
      for (const part of m[3].matchAll(new RegExp(STRING, 'g'))) line += decodeShown(part[1]!, font);
    else if (m[0] === 'ET') {
      lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export function inspectPdf(pdf: Buffer): PdfInfo {
  const objects = parsePdfObjects(pdf);
  const all = [...objects.values()];
  const catalog = all.find((o) => /\/Type\s*\/Catalog\b/.test(o.dict));
  const trailerInfo = /trailer[\s\S]*?\/Info\s+(\d+)\s+0\s+R/.exec(pdf.toString('latin1'));
  const info = trailerInfo ? objects.get(Number(trailerInfo[1])) : all.find((o) => /\/Producer/.test(o.dict));
  const titleRaw = info ? new RegExp(`/Title\\s*${STRING}`).exec(info.dict)?.[1] : undefined;
  const langRaw = catalog ? new RegExp(`/Lang\\s*${STRING}`).exec(catalog.dict)?.[1] : undefined;

  const structs = all.filter((o) => /\/Type\s*\/StructElem\b/.test(o.dict)).sort((a, b) => a.id - b.id);
  const altTexts = structs.flatMap((o) => {
    const m = new RegExp(`/Alt\\s*${STRING}`).exec(o.dict);
    return m ? [decodePdfString(m[1]!)] : [];
  });

  const cmaps = new Map<number, CMap | undefined>();
  const fontCMap = (fontId: number): CMap | undefined => {
    if (!cmaps.has(fontId)) {
      const font = objects.get(fontId);
      const tu = font ? ref(font.dict, 'ToUnicode') : null;
      const stream = tu !== null ? objects.get(tu)?.stream : null;
      cmaps.set(fontId, stream ? parseCMap(stream.toString('latin1')) : undefined);
    }
    return cmaps.get(fontId);
  };
  const pages = all.filter((o) => /\/Type\s*\/Page\b(?!s)/.test(o.dict));
  // Pages in document order follow the /Kids of the page tree; object order is close enough for
  // Skia, which writes pages in order.
  const texts = pages.map((page) => {
    let resources = page.dict;
    const resRef = ref(page.dict, 'Resources');
    if (resRef !== null) resources = objects.get(resRef)?.dict ?? '';
    const fonts = new Map<string, CMap | undefined>();
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    for (const [, name, id] of fontDict.matchAll(/\/([A-Za-z0-9_.]+)\s+(\d+)\s+0\s+R/g))
      fonts.set(name!, fontCMap(Number(id)));
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)/.exec(page.dict)?.[1] ?? '';
    const ids = [...contents.matchAll(/(\d+)\s+0\s+R/g)].map((x) => Number(x[1]));
    return ids.map((id) => contentText(objects.get(id)?.stream?.toString('latin1') ?? '', fonts)).join('\n');
  });

  return {
    title: titleRaw ? decodePdfString(titleRaw) : null,
    lang: langRaw ? decodePdfString(langRaw) : null,
    tagged: catalog ? /\/MarkInfo\s*<<[^>]*\/Marked\s+true/.test(catalog.dict) : false,
    hasStructTree: catalog ? /\/StructTreeRoot\s+\d+\s+0\s+R/.test(catalog.dict) : false,
    hasOutline: catalog ? /\/Outlines\s+\d+\s+0\s+R/.test(catalog.dict) : false,
    structTypes: structs.map((o) => /\/S\s*\/([A-Za-z0-9]+)/.exec(o.dict)?.[1] ?? '?'),
    altTexts,
    text: texts.join('\n'),
    pageCount: pages.length,
  };
}
