/** Small images of every supported type, for upload and sniffing tests. */
export const samples = {
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0rest of it')]),
  webp: Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 rest of it')]),
  svg: Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a star -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">' +
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs>' +
      '<style>.a { fill: url(#g) }</style><path class="a" d="M0 0L10 10" fill="url(#g)"/>' +
      '<use href="#g"/><text>café &amp; tea</text></svg>',
  ),
};
