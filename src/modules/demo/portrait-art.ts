// Generated portraits for the demo newsroom's authors: an illustrated head and shoulders on a
// soft two-tone ground, drawn from a seed. No face, nobody's likeness: the demo people are
// invented, and so are their pictures. Nothing is downloaded; the same seed gives the same bytes.
import { seededRandom } from '../../lib/seeded-random.ts';

/** sharp (libvips) loads with the first picture drawn: importing the demo module costs nothing. */
const loadSharp = async () => (await import('sharp')).default;

export interface PortraitArtSpec {
  seed: number;
}

const GROUNDS: Array<[string, string]> = [
  ['#e8d9c4', '#c98f6b'],
  ['#d5e1df', '#5f8a8b'],
  ['#e4dcef', '#7d6a9e'],
  ['#f1e3c8', '#b8863b'],
  ['#dfe6d2', '#6d8a4f'],
  ['#e9d6d6', '#a35d5d'],
];
const SKIN = ['#f1c9a5', '#e0ac84', '#c68d62', '#a46b45', '#7d4f32', '#f5d7bd'];
const HAIR = ['#2b211c', '#4a3426', '#7b5535', '#b88b4a', '#d9c19a', '#5c5c5c', '#1c1c24'];
const CLOTHES = ['#2f4858', '#3d3a4b', '#6b2d2d', '#355e3b', '#4b4b4b', '#1f3a5f', '#7a5c2e'];

const f = (n: number): string => (Math.round(n * 10) / 10).toString();

export function portraitArtSvg(spec: PortraitArtSpec, size = 480): string {
  const rng = seededRandom(spec.seed ^ 0x2545f491);
  const pick = <T>(list: T[]): T => list[Math.floor(rng() * list.length)]!;
  const [light, deep] = pick(GROUNDS);
  const skin = pick(SKIN);
  const hair = pick(HAIR);
  const clothes = pick(CLOTHES);
  const s = size;
  const cx = s * (0.48 + rng() * 0.04);
  const headY = s * 0.4;
  const headRx = s * (0.15 + rng() * 0.025);
  const headRy = headRx * (1.22 + rng() * 0.1);
  const hairLong = rng() < 0.5;
  const shoulder = s * (0.36 + rng() * 0.06);
  const neckW = headRx * 0.55;
  const hairBack = hairLong
    ? `<path d="M${f(cx - headRx * 1.15)},${f(headY - headRy * 0.2)} Q${f(cx - headRx * 1.3)},${f(headY + headRy * 1.5)} ${f(cx - headRx * 0.6)},${f(headY + headRy * 1.7)} L${f(cx + headRx * 0.6)},${f(headY + headRy * 1.7)} Q${f(cx + headRx * 1.3)},${f(headY + headRy * 1.5)} ${f(cx + headRx * 1.15)},${f(headY - headRy * 0.2)} Z" fill="${hair}"/>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">
<defs><linearGradient id="ground" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${deep}"/></linearGradient></defs>
<rect width="${s}" height="${s}" fill="url(#ground)"/>
<circle cx="${f(s * (0.15 + rng() * 0.7))}" cy="${f(s * (0.1 + rng() * 0.3))}" r="${f(s * (0.2 + rng() * 0.15))}" fill="#fff" fill-opacity="0.18"/>
${hairBack}
<path d="M${f(cx - shoulder)},${s} C${f(cx - shoulder)},${f(s * 0.78)} ${f(cx - shoulder * 0.6)},${f(s * 0.7)} ${f(cx - neckW)},${f(s * 0.68)} L${f(cx + neckW)},${f(s * 0.68)} C${f(cx + shoulder * 0.6)},${f(s * 0.7)} ${f(cx + shoulder)},${f(s * 0.78)} ${f(cx + shoulder)},${s} Z" fill="${clothes}"/>
<rect x="${f(cx - neckW / 2)}" y="${f(headY + headRy * 0.6)}" width="${f(neckW)}" height="${f(s * 0.68 - headY - headRy * 0.6 + 4)}" fill="${skin}"/>
<path d="M${f(cx - neckW * 0.9)},${f(s * 0.68)} L${f(cx)},${f(s * 0.76)} L${f(cx + neckW * 0.9)},${f(s * 0.68)} Z" fill="${skin}"/>
<ellipse cx="${f(cx)}" cy="${f(headY)}" rx="${f(headRx)}" ry="${f(headRy)}" fill="${skin}"/>
<path d="M${f(cx - headRx * 1.04)},${f(headY - headRy * 0.05)} C${f(cx - headRx * 1.1)},${f(headY - headRy * 1.25)} ${f(cx + headRx * 1.1)},${f(headY - headRy * 1.25)} ${f(cx + headRx * 1.04)},${f(headY - headRy * 0.05)} C${f(cx + headRx * 0.7)},${f(headY - headRy * (0.55 + rng() * 0.2))} ${f(cx - headRx * 0.5)},${f(headY - headRy * (0.6 + rng() * 0.2))} ${f(cx - headRx * 1.04)},${f(headY - headRy * 0.05)} Z" fill="${hair}"/>
</svg>`;
}

/** The portrait as a square JPEG of `size` pixels. */
export async function renderPortraitArt(spec: PortraitArtSpec, size = 480): Promise<Buffer<ArrayBuffer>> {
  if (!Number.isInteger(size) || size < 16)
    throw new RangeError(`portrait size must be at least 16, got ${size}`);
  const jpeg = await (
    await loadSharp()
  )(Buffer.from(portraitArtSvg(spec, size)))
    .removeAlpha()
    .jpeg({ quality: 82, progressive: true })
    .toBuffer();
  return jpeg.buffer instanceof ArrayBuffer ? (jpeg as Buffer<ArrayBuffer>) : Buffer.from(jpeg);
}
