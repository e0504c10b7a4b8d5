/**
 * The SVG allow-list against a corpus of hostile SVGs: each one is refused by
 * the check and, through the real app, by `POST /v1/files` with 400 (nothing
 * stored). The service's own renderers (studio characters, stickers, with and
 * without a source image) must still pass.
 */
import { STICKER_ATTRIBUTES, STICKER_FRAMES, STICKER_PATTERNS, STICKER_RARITIES } from '@yorozu/contract';
import {
  CHARACTER_ASPECT_RATIOS,
  CHARACTER_EXPRESSIONS,
  CHARACTER_RESOLUTIONS,
  renderCharacter,
  renderSticker,
} from '@yorozu/renderers';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { pngDeclaring, samples } from '../../../test/image-samples.ts';
import { pixelLimitProblem } from './dimensions.ts';
import { checkSvg } from './svg.ts';

const SVG = 'http://www.w3.org/2000/svg';
const XHTML = 'http://www.w3.org/1999/xhtml';
const PNG_DATA = `data:image/png;base64,${samples.png.toString('base64')}`;

/** An SVG root with the SVG and XLink namespaces around `inner`. */
const svg = (inner: string, attributes = '') =>
  `<svg xmlns="${SVG}" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"${attributes}>${inner}</svg>`;

const HOSTILE: readonly (readonly [string, string])[] = [
  // Scripts and event handlers
  ['script element', svg('<script>alert(1)</script>')],
  ['script with CDATA', svg('<script><![CDATA[alert(1)]]></script>')],
  ['script with external src', svg('<script href="https://evil.example/x.js"/>')],
  ['prefixed SVG script', svg(`<s:script xmlns:s="${SVG}">alert(1)</s:script>`)],
  ['upper-case SCRIPT', svg('<SCRIPT>alert(1)</SCRIPT>')],
  ['onload on the root', svg('<rect/>', ' onload="alert(1)"')],
  ['onclick upper-case', svg('<rect ONCLICK="alert(1)"/>')],
  ['onmouseover on a shape', svg('<circle r="5" onmouseover="alert(1)"/>')],
  ['onbegin on an animation', svg('<animate onbegin="alert(1)" attributeName="x" dur="1s"/>')],
  ['handler element', svg('<handler type="application/ecmascript">alert(1)</handler>')],
  ['listener element', svg('<listener event="click" handler="#h"/>')],
  // javascript: and links
  ['anchor to javascript:', svg('<a href="javascript:alert(1)"><rect/></a>')],
  ['anchor to javascript: by references', svg('<a href="&#106;avascript:alert(1)">x</a>')],
  ['anchor to javascript: by hex references', svg('<a href="&#x6A;avascript&#x3A;alert(1)">x</a>')],
  ['xlink anchor to javascript:', svg('<a xlink:href="javascript:alert(1)">x</a>')],
  ['anchor to another site', svg('<a href="https://evil.example/">x</a>')],
  ['anchor to a fragment (links are not needed in images)', svg('<a href="#x"><rect id="x"/></a>')],
  ['javascript: in a paint', svg('<rect fill="javascript:alert(1)"/>')],
  // Animation (static images need none; it can rewrite links and handlers)
  ['set href to javascript:', svg('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>')],
  [
    'animate xlink:href',
    svg('<use href="#a"><animate attributeName="xlink:href" values="https://evil.example/#a"/></use>'),
  ],
  ['animate opacity', svg('<animate attributeName="opacity" from="0" to="1" dur="1s"/>')],
  ['animateTransform', svg('<animateTransform attributeName="transform" type="rotate" dur="1s"/>')],
  ['animateMotion with mpath', svg('<animateMotion dur="1s"><mpath href="#p"/></animateMotion>')],
  // foreignObject and other namespaces
  ['foreignObject with XHTML', svg(`<foreignObject><div xmlns="${XHTML}">x</div></foreignObject>`)],
  [
    'foreignObject with an iframe',
    svg(`<foreignObject><iframe xmlns="${XHTML}" src="https://evil.example"/></foreignObject>`),
  ],
  [
    'XHTML meta refresh',
    svg(`<meta xmlns="${XHTML}" http-equiv="refresh" content="0;url=https://evil.example"/>`),
  ],
  [
    'prefixed XHTML meta refresh',
    svg(`<h:meta xmlns:h="${XHTML}" http-equiv="refresh" content="0;url=https://evil.example"/>`),
  ],
  ['XHTML img srcset', svg(`<img xmlns="${XHTML}" srcset="https://evil.example/a.png 1x"/>`)],
  [
    'XHTML form action',
    svg(`<form xmlns="${XHTML}" action="https://evil.example/"><button>go</button></form>`),
  ],
  ['XHTML video poster', svg(`<video xmlns="${XHTML}" poster="https://evil.example/p.png"/>`)],
  [
    'XHTML audio autoplay',
    svg(`<audio xmlns="${XHTML}" src="https://evil.example/a.mp3" autoplay="autoplay"/>`),
  ],
  ['XHTML base', svg(`<base xmlns="${XHTML}" href="https://evil.example/"/>`)],
  [
    'XHTML link stylesheet',
    svg(`<link xmlns="${XHTML}" rel="stylesheet" href="https://evil.example/x.css"/>`),
  ],
  ['an unknown namespace', svg('<x:thing xmlns:x="urn:evil"/>')],
  ['an undeclared prefix', svg('<x:rect/>')],
  ['an unknown default namespace', svg('<g xmlns="urn:evil"><rect/></g>')],
  ['an attribute of an unknown namespace', svg('<rect xmlns:e="urn:evil" e:href="https://evil.example/"/>')],
  ['a root without the SVG namespace', '<svg><rect/></svg>'],
  ['a root in the XHTML namespace', `<svg xmlns="${XHTML}"><rect/></svg>`],
  ['iframe in SVG', svg('<iframe src="https://evil.example"/>')],
  ['embed', svg('<embed src="https://evil.example/x.swf"/>')],
  ['object', svg('<object data="https://evil.example/x"/>')],
  // External references
  ['use of an external document', svg('<use href="https://evil.example/s.svg#a"/>')],
  ['use of an external document by xlink', svg('<use xlink:href="https://evil.example/s.svg#a"/>')],
  ['use of a data: SVG', svg('<use href="data:image/svg+xml;base64,PHN2Zy8+#a"/>')],
  ['image from another site', svg('<image href="https://evil.example/x.png"/>')],
  ['image of an SVG data: URI', svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>')],
  ['image of an HTML data: URI', svg('<image href="data:text/html;base64,PGgxPng8L2gxPg=="/>')],
  [
    'image embedding a decompression bomb',
    svg(`<image href="data:image/png;base64,${pngDeclaring(16000, 16000).toString('base64')}"/>`),
  ],
  ['feImage from another site', svg('<filter id="f"><feImage href="https://evil.example/x.png"/></filter>')],
  ['pattern inheriting an external one', svg('<pattern id="p" href="https://evil.example/p.svg#p"/>')],
  ['xml:base', svg('<g xml:base="https://evil.example/"><use href="#a"/></g>')],
  // CSS
  ['style url() to another site', svg('<rect style="fill: url(https://evil.example/x)"/>')],
  ['presentation url() to another site', svg('<rect fill="url(https://evil.example/x#p)"/>')],
  ['url() spelled with references', svg('<rect fill="u&#114;l(https://evil.example/x)"/>')],
  ['url() quoted', svg(`<rect style="fill: url('https://evil.example/x')"/>`)],
  ['CSS @import', svg('<style>@import "https://evil.example/x.css";</style>')],
  ['CSS @import url()', svg('<style>@import url(https://evil.example/x.css);</style>')],
  ['CSS @font-face', svg('<style>@font-face { font-family: x; src: local(x) }</style>')],
  [
    'CSS image-set() without url()',
    svg('<style>rect { fill: image-set("https://evil.example/x.png" 1x) }</style>'),
  ],
  [
    'CSS -webkit-image-set()',
    svg('<rect style="background: -webkit-image-set(\'https://evil.example/x.png\' 1x)"/>'),
  ],
  ['CSS image()', svg('<style>rect { background: image("https://evil.example/x.png") }</style>')],
  ['CSS cross-fade()', svg('<rect style="background: cross-fade(url(#a), url(#b))"/>')],
  ['CSS in CDATA', svg('<style><![CDATA[ rect { background: url(//evil.example/x) } ]]></style>')],
  ['CSS escape', svg('<style>rect { fill: \\75 rl(x) }</style>')],
  ['CSS escape in a presentation attribute', svg('<rect fill="\\75 rl(https://evil.example/x)"/>')],
  ['CSS expression()', svg('<rect style="width: expression(alert(1))"/>')],
  ['CSS behavior url()', svg('<rect style="behavior: url(https://evil.example/x.htc)"/>')],
  // Documents and parsing
  [
    'entity expansion (billion laughs)',
    `<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>${svg('<text>&b;</text>')}`,
  ],
  ['external entity', `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg('<text>&x;</text>')}`],
  ['external DTD', `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "https://evil.example/x.dtd">${svg('')}`],
  ['xml-stylesheet instruction', `<?xml-stylesheet href="https://evil.example/x.css"?>${svg('')}`],
  ['instruction inside', svg('<?php echo 1 ?>')],
  ['prototype-named element', svg('<__proto__><script>alert(1)</script></__proto__>')],
  ['constructor attribute', svg('<rect constructor="x"/>')],
  [
    'metadata with RDF',
    svg('<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>'),
  ],
  ['an unknown SVG element', svg('<blink/>')],
  ['an unknown attribute', svg('<rect formaction="https://evil.example/"/>')],
  ['view element', svg('<view id="v" viewBox="0 0 1 1"/>')],
  ['cursor with an external url', svg('<rect cursor="url(https://evil.example/c.cur), auto"/>')],
];

const { app } = await testApp();

describe('SVG allow-list', () => {
  it('has a corpus of at least 61 hostile SVGs, all different', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(61);
    expect(new Set(HOSTILE.map(([, text]) => text)).size).toBe(HOSTILE.length);
  });

  it.each(HOSTILE)('refuses %s', (_name, text) => {
    const check = checkSvg(Buffer.from(text));
    const refusal = check.problem ?? pixelLimitProblem(check.dimensions, 25_000_000);
    expect(refusal).toEqual(expect.any(String));
  });

  it('refuses every hostile SVG at upload with 400, and stores none', async () => {
    const account = await signUp(app);
    for (const [name, text] of HOSTILE) {
      const response = await as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/files',
        payload: Buffer.from(text),
        headers: { 'content-type': 'image/svg+xml' },
      });
      // A document without an <svg> root is not recognised as SVG at all: also a 400.
      const problem = expectProblem(response, 400, 'validation_failed');
      expect(problem.errors[0].path, name).toBe('/body');
    }
    const list = await as(app, account.accessToken, { method: 'GET', url: '/v1/files' });
    expect(list.json().data).toEqual([]);
  });

  it('accepts what static images use', () => {
    for (const text of [
      samples.svg.toString(),
      svg(`<image href="${PNG_DATA}" width="1" height="1"/>`),
      svg(`<image xlink:href="${PNG_DATA}"/>`),
      svg(
        '<defs><path id="p" d="M0 0H5"/></defs><use href="#p"/><text><textPath href="#p">hi</textPath></text>',
      ),
      svg(
        '<style>.a { fill: url(#g); mix-blend-mode: screen; transform: rotate(5deg) }</style><rect class="a"/>',
      ),
      svg(
        '<rect style="fill: rgb(1 2 3 / 50%); stroke: hsl(10 20% 30%)" transform="translate(1 2) scale(2)"/>',
      ),
      svg(
        '<filter id="f"><feGaussianBlur stdDeviation="2"/><feOffset dx="1"/></filter><g filter="url(#f)"/>',
      ),
      svg(
        '<mask id="m"><rect/></mask><clipPath id="c"><circle r="3"/></clipPath><g mask="url(#m)" clip-path="url(#c)"/>',
      ),
      svg('<rect data-part="frame" aria-label="A frame (gold)" xml:lang="ja"/>'),
      `<svg xmlns:s="${SVG}" xmlns="${SVG}" viewBox="0 0 1 1"><s:rect/></svg>`,
    ]) {
      expect(checkSvg(Buffer.from(text)).problem, text).toBeNull();
    }
  });

  it("passes the studio renderer's own output", () => {
    for (const expression of CHARACTER_EXPRESSIONS) {
      for (const [resolution, aspectRatio] of CHARACTER_RESOLUTIONS.flatMap((r) =>
        CHARACTER_ASPECT_RATIOS.map((a) => [r, a] as const),
      )) {
        const image = renderCharacter({
          name: 'ゆあちゃん',
          features: {
            hair: { color: 'pink', style: 'long', length: 'waist' },
            eyes: { color: 'blue', shape: 'round' },
            outfit: { primary: 'white dress', secondary: 'ribbon', accessories: ['earrings'] },
            bodyType: 'slender',
          },
          expression,
          ...(expression === 'custom' ? { customPrompt: 'sleepy <b>&amp;</b>' } : {}),
          resolution,
          aspectRatio,
        });
        expect(checkSvg(image.bytes).problem).toBeNull();
      }
    }
  });

  it("passes the sticker renderer's own output, with and without a source image", () => {
    for (const rarity of STICKER_RARITIES) {
      for (const attribute of STICKER_ATTRIBUTES) {
        for (const [index, pattern] of STICKER_PATTERNS.entries()) {
          const image = renderSticker({
            title: 'スーパーゼウス <&>',
            characterName: 'ヘッドロココ',
            attribute,
            rarity,
            backgroundColor: '#3a7bd5',
            effects: { sparkle: true, glow: true, holo: rarity === 'secret' },
            style: { pattern, frame: STICKER_FRAMES[index % STICKER_FRAMES.length]! },
            ...(index % 2 ? { sourceImage: { bytes: samples.png, contentType: 'image/png' } } : {}),
          });
          expect(checkSvg(image.bytes).problem).toBeNull();
        }
      }
    }
  });
});
