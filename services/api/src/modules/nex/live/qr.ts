/**
 * QR codes for referral links and tickets, with `qrcode` (npm; ISO/IEC 18004 encoder): SVG is
 * built on the request's thread (a few kilobytes of path data for a short URL), and PNG is that
 * SVG rasterised by resvg on the worker-thread pool (kernel/threads), since a 1024-pixel canvas
 * is CPU work the event loop should not do.
 */
import QRCode from 'qrcode';
import { rasterizeOffThread } from '../../../kernel/threads/index.ts';

export interface QrStyle {
  dark: string;
  light: string;
  /** Width and height in pixels. */
  size: number;
}

export async function qrSvg(text: string, style: QrStyle): Promise<Buffer> {
  const svg = await QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    width: style.size,
    color: { dark: style.dark, light: style.light },
  });
  return Buffer.from(svg, 'utf8');
}

export async function qrPng(text: string, style: QrStyle): Promise<Buffer> {
  const svg = await qrSvg(text, style);
  const png = await rasterizeOffThread(
    { bytes: svg, contentType: 'image/svg+xml', width: style.size, height: style.size },
    { width: style.size },
  );
  return Buffer.from(png.bytes);
}

/** The image in the asked format, with its media type. */
export async function qrImage(text: string, style: QrStyle, format: 'svg' | 'png') {
  return format === 'png'
    ? { bytes: await qrPng(text, style), contentType: 'image/png' }
    : { bytes: await qrSvg(text, style), contentType: 'image/svg+xml' };
}
