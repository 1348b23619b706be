// Text measurement for SVG exports rendered without a browser: an average-glyph estimate for Helvetica/Arial,
// generous enough (0.62 em regular, 0.66 em bold) that real glyphs stay inside the box they were measured for.

export const textWidth = (text: string, fontSize: number, bold = false) => Math.ceil(text.length * fontSize * (bold ? 0.66 : 0.62));

/**
 * Wraps text on word boundaries into at most `maxLines` lines no wider than `maxWidth`; a word too long for a line is
 * cut, and text that does not fit ends with an ellipsis (the caller shows the full text as a tooltip).
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number, bold = false): { lines: string[]; truncated: boolean } {
  const fits = (s: string) => textWidth(s, fontSize, bold) <= maxWidth;
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = "";
  let truncated = false;
  for (let i = 0; i < words.length; i++) {
    let word = words[i];
    while (!fits(word)) {
      // Cut an over-long word (an id, a URL) at the widest prefix that fits.
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      if (current) lines.push(current);
      current = "";
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  if (lines.length > maxLines) {
    truncated = true;
    lines.length = maxLines;
  }
  if (truncated) {
    let last = lines[maxLines - 1];
    while (last.length > 0 && !fits(`${last}…`)) last = last.slice(0, -1);
    lines[maxLines - 1] = `${last.trimEnd()}…`;
  }
  return { lines: lines.length ? lines : [""], truncated };
}

export const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
