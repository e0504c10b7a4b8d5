/**
 * PDF and ZIP uploads are checked for the structure a reader starts from, without parsing
 * their content (a digital product is stored and served, never opened by the service):
 * - a PDF has its `%PDF-x.y` header and an `%%EOF` marker in its last kilobyte (ISO 32000-2,
 *   7.5.2 and 7.5.5), so a file cut short in transfer is refused; its page count would take
 *   parsing the cross-reference streams and is not recorded;
 * - a ZIP has its end-of-central-directory record within the last 64 KiB + 22 bytes, and the
 *   central directory it points at lies inside the file before it (APPNOTE 6.3.10, 4.3.16).
 * Both are bounded reads of the file's ends (`PDF_TAIL_BYTES`, `ZIP_TAIL_BYTES`): linear, cheap
 * for any size, and for a spooled upload read from its file without the rest (inspect.ts).
 */

const PDF_HEADER = /^%PDF-[12]\.\d/;
export const PDF_TAIL_BYTES = 1024;

/** `head`: the file's first bytes (8 suffice); `tail`: its last PDF_TAIL_BYTES (all of a shorter file). */
export function pdfProblem(head: Buffer, tail: Buffer): string | null {
  if (!PDF_HEADER.test(head.toString('latin1', 0, 8)))
    return 'its PDF header is not `%PDF-1.x` or `%PDF-2.x`';
  if (!tail.subarray(-PDF_TAIL_BYTES).includes('%%EOF', 0, 'latin1')) {
    return 'it is not a complete PDF (no %%EOF marker at its end)';
  }
  return null;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
/** ZIP64 archives put 0xFFFF / 0xFFFFFFFF here and the real values in a ZIP64 record before it. */
const ZIP64_MARKER = 0xffffffff;
/** Where the end-of-central-directory record may start: within this many last bytes. */
export const ZIP_TAIL_BYTES = EOCD_BYTES + MAX_COMMENT_BYTES;

/** `tail`: the file's last ZIP_TAIL_BYTES (all of a shorter file); `fileSize`: the whole file's. */
export function zipProblem(tail: Buffer, fileSize: number): string | null {
  // Positions in `tail` are `skipped` bytes short of positions in the file.
  const skipped = fileSize - tail.length;
  // The record is searched from the end: a comment may itself contain the signature's bytes.
  for (let at = tail.length - EOCD_BYTES; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== EOCD_SIGNATURE) continue;
    if (at + EOCD_BYTES + tail.readUInt16LE(at + 20) !== tail.length) continue; // comment length must fit exactly
    const size = tail.readUInt32LE(at + 12);
    const offset = tail.readUInt32LE(at + 16);
    if (size === ZIP64_MARKER || offset === ZIP64_MARKER) return null;
    return offset + size <= skipped + at ? null : 'its ZIP central directory lies outside the file';
  }
  return 'it is not a complete ZIP archive (no end of central directory record)';
}
