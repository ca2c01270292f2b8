/**
 * The stylesheet of the printed plan (A4, black on white, tables that repeat their header and do
 * not break inside a row). Embedded in the document as a <style> element: the document is only fed
 * to Chromium's print, never served under the web UI's CSP.
 */
export const PRINT_CSS = `
@page { size: A4; margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.4; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; padding-top: 6pt; border-top: 1pt solid #666; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
h4 { font-size: 10pt; margin: 8pt 0 2pt; break-after: avoid; }
p { margin: 0 0 5pt; orphans: 3; widows: 3; }
.lead { font-size: 12pt; font-weight: bold; }
.muted, .item-meta { color: #333; }
.item-meta { font-size: 8.5pt; }
.nowrap { white-space: nowrap; }
.num { text-align: center; }
.prose { white-space: pre-wrap; }
.doc-head { margin-bottom: 6pt; }
.doc-foot { margin-top: 16pt; padding-top: 6pt; border-top: 1pt solid #666; font-size: 9pt; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 12pt; margin: 0 0 6pt; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 3pt; caption-side: top; }
th, td { border: 0.75pt solid #777; padding: 2.5pt 4pt; text-align: left; vertical-align: top; }
thead th { background: #eee; }
thead { display: table-header-group; }
tr, .voice, .items li, .meeting h3, .review h3 { break-inside: avoid; }
.wheel-table th, .wheel-table td { font-size: 8pt; padding: 2pt 3pt; }
.items { margin: 0 0 6pt; padding-left: 16pt; }
.items li { margin-bottom: 4pt; }
.item-text { margin-bottom: 1pt; }
blockquote.voice { margin: 0 0 6pt; padding: 2pt 0 2pt 8pt; border-left: 2pt solid #555; }
.meeting, .review { margin-bottom: 8pt; }
.meeting ol, .meeting ul { margin: 0 0 4pt; padding-left: 16pt; }
.radar { display: flex; gap: 10pt; align-items: flex-start; break-inside: avoid; margin: 4pt 0; }
.radar-svg { width: 105mm; height: auto; flex: none; }
.radar-axis-label { font-size: 17px; }
.radar-ring-label { font-size: 11px; }
.radar-legend { font-size: 8.5pt; }
.radar-legend ul { list-style: none; margin: 0 0 4pt; padding: 0; }
.radar-legend li { display: flex; align-items: center; gap: 4pt; margin-bottom: 3pt; }
.radar-legend-title { font-weight: bold; margin-bottom: 2pt; }
.radar-swatch { flex: none; }
`;
