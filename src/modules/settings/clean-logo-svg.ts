// The logo is drawn by browsers as a file of its own (/assets/logo.svg) and may be inlined by a
// theme, so it is rebuilt from an allow-list instead of trusted: shapes, text, gradients, clips,
// masks, patterns, markers and filters, with their presentation attributes. Everything that could
// run or fetch something goes: scripts, event handlers, <foreignObject> (HTML inside SVG), links,
// animation (it can rewrite an href), <image> and <use> of other files, and any url() or href
// that is not a "#fragment" of the logo itself. A small tokenizer of its own, not a DOM: what it
// does not understand is dropped, and no parser's repairs decide what survives.

/** Elements kept, with their attributes (allow-listed below) and their allowed children. */
const ELEMENTS = new Set(
  (
    'svg g defs title desc symbol use path rect circle ellipse line polyline polygon text tspan textPath ' +
    'linearGradient radialGradient stop clipPath mask pattern marker style switch ' +
    'filter feBlend feColorMatrix feComponentTransfer feComposite feDropShadow feFlood feFuncA feFuncB ' +
    'feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset'
  ).split(' '),
);

/** Elements whose tags go but whose content stays (a link around a shape keeps the shape). */
const UNWRAP = new Set(['a']);

const ATTRIBUTES = new Set(
  (
    'id class style lang xml:lang xml:space role aria-label aria-labelledby aria-describedby aria-hidden ' +
    'focusable tabindex version xmlns xmlns:xlink viewBox preserveAspectRatio width height x y x1 y1 x2 y2 ' +
    'cx cy r rx ry fx fy fr d points pathLength transform href xlink:href ' +
    'fill fill-rule fill-opacity stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit ' +
    'stroke-dasharray stroke-dashoffset stroke-opacity opacity color display visibility overflow ' +
    'vector-effect paint-order shape-rendering text-rendering image-rendering color-interpolation ' +
    'color-interpolation-filters clip-path clip-rule mask filter mix-blend-mode isolation ' +
    'offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod ' +
    'clipPathUnits maskUnits maskContentUnits patternUnits patternContentUnits patternTransform ' +
    'markerWidth markerHeight markerUnits refX refY orient marker-start marker-mid marker-end ' +
    'filterUnits primitiveUnits in in2 result stdDeviation dx dy mode operator k1 k2 k3 k4 values ' +
    'type tableValues slope intercept amplitude exponent flood-color flood-opacity radius edgeMode ' +
    'font-family font-size font-weight font-style font-variant font-stretch text-anchor ' +
    'dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing text-decoration ' +
    'writing-mode direction unicode-bidi textLength lengthAdjust startOffset method spacing side ' +
    'rotate requiredFeatures systemLanguage'
  ).split(' '),
);

/** Elements dropped with everything inside them, whatever the allow-list says. */
const DROP_WITH_CONTENT = new Set(['script', 'foreignObject', 'iframe', 'object', 'embed', 'image']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the XML and numeric character references; unknown named entities stay as written. */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : '';
  });
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** C0 controls other than tab and line breaks: never part of a drawing, and invalid in XML. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A url(...) reference that stays inside the logo: url(#id), quoted or not. */
const LOCAL_URL = /^url\(\s*(['"]?)#[A-Za-z_][\w.:-]*\1\s*\)$/;
const ANY_URL = /url\s*\(([^)]*)\)?/gi;

/**
 * CSS from a style element or attribute, without anything that fetches or runs: @import and any
 * url() not pointing into the logo are removed; CSS escapes (which can spell "url" or
 * "expression" without the letters) and old script hooks empty the whole sheet.
 */
export function cleanLogoCss(css: string): string {
  if (/\\|expression\s*\(|-moz-binding|behavior\s*:|javascript:/i.test(css)) return '';
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(ANY_URL, (ref: string) => (LOCAL_URL.test(ref.replace(/\s+$/, '')) ? ref : 'none'))
    .replace(/\bimage-set\s*\(/gi, 'none(');
}

/** An attribute value as kept, or undefined when the attribute must go. */
function cleanAttribute(name: string, raw: string): string | undefined {
  const value = decode(raw).replace(CONTROL, '');
  if (name === 'href' || name === 'xlink:href')
    return /^#[A-Za-z_][\w.:-]*$/.test(value.trim()) ? value.trim() : undefined;
  if (name === 'style') return cleanLogoCss(value) || undefined;
  if (/javascript:|data:|url\s*\(/i.test(value)) {
    // Presentation attributes may point at a gradient or clip path of the logo: fill="url(#g)".
    return LOCAL_URL.test(value.trim()) ? value.trim() : undefined;
  }
  return value;
}

const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function parseAttributes(source: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of source.matchAll(ATTR)) out.push([m[1]!, m[2] ?? m[3] ?? m[4] ?? '']);
  return out;
}

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'open'; name: string; attrs: string; selfClosing: boolean }
  | { kind: 'close'; name: string };

/** Tags, text and CDATA; comments, processing instructions and DOCTYPEs (entities!) are skipped. */
function* tokens(svg: string): Generator<Token> {
  // Every scan that can fail stops at the next "<", so hostile input costs linear time.
  const TOKEN =
    /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<![A-Za-z][^<>]*>|<\?[\s\S]*?(?:\?>|$)|<\/([A-Za-z][\w:.-]*)\s*>|<([A-Za-z][\w:.-]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*?)(\/?)>|([^<]+|<)/g;
  for (const m of svg.matchAll(TOKEN)) {
    if (m[1] !== undefined) yield { kind: 'text', text: escapeText(m[1]) };
    else if (m[2] !== undefined) yield { kind: 'close', name: m[2] };
    else if (m[3] !== undefined)
      yield { kind: 'open', name: m[3], attrs: m[4] ?? '', selfClosing: m[5] === '/' };
    else if (m[6] !== undefined) yield { kind: 'text', text: m[6] === '<' ? '&lt;' : m[6] };
  }
}

/** Strips an element name's prefix for the checks ("svg:path" is a path); keeps none in output. */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * The logo rebuilt from allowed parts only: well-formed XML with one <svg> root, or '' when
 * nothing drawable is left. Text and CSS are re-escaped; attribute values are decoded, checked and
 * re-escaped, so a character reference cannot smuggle "javascript:" past the checks.
 */
export function cleanLogoSvg(svg: string): string {
  if (svg.trim() === '') return '';
  const out: string[] = [];
  // What is open in the output, plus for each input element whether it was kept, unwrapped or
  // dropped (so its end tag is handled the same way).
  const stack: Array<{ name: string; mode: 'keep' | 'unwrap' | 'drop' }> = [];
  let dropping = 0; // depth inside a dropped element
  let rootSeen = false;
  let inStyle = false;

  const closeTop = () => {
    const top = stack.pop()!;
    if (top.mode === 'drop') dropping--;
    else if (top.mode === 'keep') {
      out.push(`</${top.name}>`);
      if (top.name === 'style') inStyle = false;
    }
  };

  for (const token of tokens(svg)) {
    if (token.kind === 'text') {
      if (dropping || !rootSeen || stack.length === 0) continue;
      const text = decode(token.text).replace(CONTROL, '');
      out.push(escapeText(inStyle ? cleanLogoCss(text) : text));
      continue;
    }
    const name = localName(token.name);
    if (token.kind === 'close') {
      const at = stack.findLastIndex((e) => e.name === name);
      if (at === -1) continue; // a stray end tag
      while (stack.length > at) closeTop();
      if (stack.length === 0) break; // the root is closed: nothing after it is part of the logo
      continue;
    }
    if (!rootSeen && name !== 'svg') continue;
    if (rootSeen && stack.length === 0) break; // one root: what follows it is not the logo
    let mode: 'keep' | 'unwrap' | 'drop';
    if (dropping) mode = 'drop';
    else if (DROP_WITH_CONTENT.has(name)) mode = 'drop';
    else if (UNWRAP.has(name)) mode = 'unwrap';
    else if (ELEMENTS.has(name) && !(inStyle && name !== 'style')) mode = 'keep';
    else mode = 'drop';

    if (mode === 'keep') {
      const attrs = parseAttributes(token.attrs).flatMap(([attr, value]) => {
        if (!ATTRIBUTES.has(attr)) return [];
        if (attr === 'xmlns' || attr.startsWith('xmlns:')) return []; // written below for the root
        const clean = cleanAttribute(attr, value);
        if (clean === undefined) return [];
        return [[attr === 'xlink:href' ? 'href' : attr, clean] as const];
      });
      // <use> draws what its href names: without a local one it would draw nothing (or another file).
      if (name === 'use' && !attrs.some(([n]) => n === 'href')) mode = 'drop';
      else {
        const seen = new Set<string>();
        const unique = attrs.filter(([n]) => !seen.has(n) && seen.add(n));
        const root = !rootSeen;
        rootSeen = true;
        const xmlns = root ? ' xmlns="http://www.w3.org/2000/svg"' : '';
        out.push(`<${name}${xmlns}${unique.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('')}>`);
        if (name === 'style') inStyle = true;
      }
    }
    if (mode === 'drop') dropping++;
    if (token.selfClosing) {
      if (mode === 'drop') dropping--;
      else if (mode === 'keep') {
        out[out.length - 1] = out[out.length - 1]!.replace(/>$/, '/>');
        if (name === 'style') inStyle = false;
      }
      continue;
    }
    stack.push({ name, mode });
  }
  while (stack.length) closeTop();
  return rootSeen ? out.join('') : '';
}
