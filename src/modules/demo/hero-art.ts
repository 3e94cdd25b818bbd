// Generative hero illustrations for the demo publication. Every picture is drawn here from a
// seed: layered ridges under a gradient sky, a sun or moon, a few motifs per theme, a vignette
// and film grain. Nothing is downloaded, and the same seed always gives the same JPEG bytes.
import { seededRandom } from '../../lib/seeded-random.ts';

/** sharp (libvips) loads with the first picture drawn: importing the demo module costs nothing. */
const loadSharp = async () => (await import('sharp')).default;

export interface HeroArtSpec {
  seed: number;
  theme: string;
}

type Rng = () => number;

/** The art's generator; the offset keeps the pictures the demo has always had. */
function makeRng(seed: number): Rng {
  return seededRandom(seed ^ 0x9e3779b9);
}

interface Palette {
  sky: [string, string, string];
  sun: string;
  layers: [string, string, string, string];
  accent: string;
  water: string;
}

const PALETTES: Record<string, Palette> = {
  dusk: {
    sky: ['#262a4d', '#b5607a', '#f2b184'],
    sun: '#fde4bd',
    layers: ['#9a6580', '#6b4670', '#43305a', '#221a36'],
    accent: '#f6c48f',
    water: '#5b4a72',
  },
  steel: {
    sky: ['#59646d', '#a7afb4', '#ddd7c9'],
    sun: '#f3e9d6',
    layers: ['#8a939a', '#646e76', '#434c54', '#252c32'],
    accent: '#c8553d',
    water: '#6f7a82',
  },
  lake: {
    sky: ['#1b3a54', '#6a9db5', '#ecdcbc'],
    sun: '#fff3d6',
    layers: ['#6f93a2', '#4b6f80', '#2f4f60', '#1a3242'],
    accent: '#f2c48d',
    water: '#2b5469',
  },
  forest: {
    sky: ['#24403a', '#7ea58d', '#e6dfc4'],
    sun: '#f7e8b3',
    layers: ['#6a9279', '#47705a', '#2b4d3b', '#152b21'],
    accent: '#d9a441',
    water: '#3d6657',
  },
  ember: {
    sky: ['#260c10', '#8a2a1d', '#ea8a3e'],
    sun: '#ffd591',
    layers: ['#782720', '#521914', '#320f0d', '#170606'],
    accent: '#ffb35c',
    water: '#4a1814',
  },
  paper: {
    sky: ['#f1e8d6', '#ebdfc7', '#e3d4b7'],
    sun: '#c8412d',
    layers: ['#86a397', '#2f4858', '#d9a441', '#1d2a33'],
    accent: '#c8412d',
    water: '#2f4858',
  },
  night: {
    sky: ['#060a1a', '#14234a', '#34507d'],
    sun: '#eef2f8',
    layers: ['#2a3d63', '#1c2a4c', '#121c36', '#090f21'],
    accent: '#f5d27a',
    water: '#17284a',
  },
  frost: {
    sky: ['#c3d1db', '#e3eaee', '#f5f2eb'],
    sun: '#ffffff',
    layers: ['#b3c3ce', '#91a6b4', '#6f8798', '#4a5f71'],
    accent: '#b8402a',
    water: '#a9bcc8',
  },
};

const f = (n: number): string => (Math.round(n * 10) / 10).toString();

interface Ridge {
  path: string;
  yAt: (x: number) => number;
}

/** A ridge line as a sum of a few sines plus jitter, smoothed into cubic Béziers and closed downwards. */
function ridge(rng: Rng, w: number, h: number, baseY: number, amp: number, roughness: number): Ridge {
  const waves = Array.from({ length: 3 }, (_, i) => ({
    freq: (0.6 + rng() * 1.6) * (i + 1) * roughness,
    phase: rng() * Math.PI * 2,
    amp: amp / (i + 1.2),
  }));
  const yAt = (x: number): number => {
    const t = x / w;
    let y = baseY;
    for (const wave of waves) y += Math.sin(t * Math.PI * 2 * wave.freq + wave.phase) * wave.amp;
    return y;
  };
  const steps = 28;
  const pts: Array<[number, number]> = [];
  for (let i = 0; i <= steps; i++) {
    const x = -w * 0.05 + (w * 1.1 * i) / steps;
    pts.push([x, yAt(x) + (rng() - 0.5) * amp * 0.25]);
  }
  let d = `M${f(pts[0]![0])},${f(pts[0]![1])}`;
  for (let i = 0; i < pts.length - 1; i++) {
    const p0 = pts[Math.max(0, i - 1)]!;
    const p1 = pts[i]!;
    const p2 = pts[i + 1]!;
    const p3 = pts[Math.min(pts.length - 1, i + 2)]!;
    const c1x = p1[0] + (p2[0] - p0[0]) / 6;
    const c1y = p1[1] + (p2[1] - p0[1]) / 6;
    const c2x = p2[0] - (p3[0] - p1[0]) / 6;
    const c2y = p2[1] - (p3[1] - p1[1]) / 6;
    d += `C${f(c1x)},${f(c1y)} ${f(c2x)},${f(c2y)} ${f(p2[0])},${f(p2[1])}`;
  }
  d += `L${f(w * 1.05)},${f(h + 10)}L${f(-w * 0.05)},${f(h + 10)}Z`;
  return { path: d, yAt };
}

function landscape(rng: Rng, theme: string, p: Palette, w: number, h: number): string {
  const out: string[] = [];
  const horizon = h * (0.52 + rng() * 0.12);
  const sunX = w * (0.18 + rng() * 0.64);
  const sunY = horizon - h * (0.08 + rng() * 0.22);
  const sunR = h * (theme === 'night' ? 0.055 : 0.07 + rng() * 0.06);

  // Long, low clouds: rounded bars at low opacity give the sky a printed, layered feel.
  for (let i = 0; i < 5 + Math.floor(rng() * 5); i++) {
    const cy = h * 0.06 + rng() * (horizon - h * 0.2);
    const cw = w * (0.15 + rng() * 0.45);
    const ch = h * (0.006 + rng() * 0.02);
    const colour = theme === 'night' ? p.layers[0] : '#ffffff';
    out.push(
      `<rect x="${f(rng() * w - cw / 3)}" y="${f(cy)}" width="${f(cw)}" height="${f(ch)}" rx="${f(ch / 2)}" fill="${colour}" fill-opacity="${f(0.08 + rng() * 0.16)}"/>`,
    );
  }

  if (theme === 'night') {
    for (let i = 0; i < 220; i++) {
      const r = rng() ** 3 * 3.2 + 0.6;
      out.push(
        `<circle cx="${f(rng() * w)}" cy="${f(rng() * horizon * 0.95)}" r="${f(r)}" fill="#ffffff" fill-opacity="${f(0.25 + rng() * 0.7)}"/>`,
      );
    }
  }

  // Sun (or moon) with a broad halo.
  out.push(`<circle cx="${f(sunX)}" cy="${f(sunY)}" r="${f(sunR * 5)}" fill="url(#halo)"/>`);
  if (theme === 'night') {
    out.push(
      `<mask id="crescent"><rect width="${w}" height="${h}" fill="#fff"/><circle cx="${f(sunX + sunR * 0.45)}" cy="${f(sunY - sunR * 0.2)}" r="${f(sunR * 0.9)}" fill="#000"/></mask>`,
      `<circle cx="${f(sunX)}" cy="${f(sunY)}" r="${f(sunR)}" fill="${p.sun}" mask="url(#crescent)"/>`,
    );
  } else {
    out.push(`<circle cx="${f(sunX)}" cy="${f(sunY)}" r="${f(sunR)}" fill="${p.sun}" fill-opacity="0.95"/>`);
  }

  const isWater = theme === 'lake' || (theme === 'dusk' && rng() < 0.5);
  const layerCount = isWater ? 2 : 4;
  const ridges: Ridge[] = [];
  for (let i = 0; i < layerCount; i++) {
    const depth = i / Math.max(1, layerCount - 1);
    const base = isWater ? horizon - h * (0.035 - i * 0.025) : horizon + (h - horizon) * depth * 0.62;
    const amp = (theme === 'steel' ? 0.012 : 0.03) * h * (1 + depth * 1.6) * (isWater ? 0.8 : 1);
    const r = ridge(rng, w, h, base, amp, theme === 'forest' ? 1.6 : 1);
    ridges.push(r);
    if (isWater && i === 1) break;
    out.push(`<path d="${r.path}" fill="${p.layers[i]}"/>`);

    if (theme === 'forest' && i >= 1) {
      const treeH = h * (0.03 + depth * 0.07);
      for (let x = -20; x < w + 20; x += treeH * (0.22 + rng() * 0.35)) {
        const th = treeH * (0.6 + rng() * 0.7);
        const y = r.yAt(x) + th * 0.1;
        out.push(
          `<path d="M${f(x - th * 0.2)},${f(y)}L${f(x)},${f(y - th)}L${f(x + th * 0.2)},${f(y)}Z" fill="${p.layers[i]}"/>`,
        );
      }
    }
    if ((theme === 'steel' || theme === 'ember') && i === 1) {
      // A works on the middle ridge: stacks, sheds and a drifting plume.
      const cx = w * (0.2 + rng() * 0.6);
      for (let k = 0; k < 3 + Math.floor(rng() * 3); k++) {
        const sx = cx + (k - 2) * w * 0.035 + rng() * w * 0.01;
        const sh = h * (0.12 + rng() * 0.14);
        const sw = w * 0.011;
        const sy = r.yAt(sx) + 6;
        out.push(
          `<rect x="${f(sx)}" y="${f(sy - sh)}" width="${f(sw)}" height="${f(sh + 10)}" fill="${p.layers[i]}"/>`,
        );
        out.push(
          `<rect x="${f(sx)}" y="${f(sy - sh + sh * 0.12)}" width="${f(sw)}" height="${f(sh * 0.04)}" fill="${p.accent}" fill-opacity="0.8"/>`,
        );
        for (let s = 0; s < 7; s++) {
          const puff = w * (0.02 + s * 0.011);
          out.push(
            `<circle cx="${f(sx + sw / 2 + s * w * 0.018 + rng() * 8)}" cy="${f(sy - sh - s * h * 0.03)}" r="${f(puff)}" fill="url(#puff)" fill-opacity="${f(0.9 - s * 0.1)}"/>`,
          );
        }
      }
      const shedW = w * (0.1 + rng() * 0.08);
      const shedY = r.yAt(cx) - h * 0.04;
      out.push(
        `<rect x="${f(cx - shedW * 0.6)}" y="${f(shedY)}" width="${f(shedW)}" height="${f(h * 0.08)}" fill="${p.layers[i]}"/>`,
      );
    }
    if ((theme === 'night' || theme === 'dusk') && i === 2) {
      // Lit windows of a town on the near ridge.
      const start = w * rng() * 0.5;
      for (let x = start; x < start + w * 0.45; x += w * (0.006 + rng() * 0.01)) {
        if (rng() < 0.45) continue;
        const y = r.yAt(x) + h * (0.01 + rng() * 0.05);
        out.push(
          `<rect x="${f(x)}" y="${f(y)}" width="${f(w * 0.004)}" height="${f(h * 0.007)}" fill="${p.accent}" fill-opacity="${f(0.5 + rng() * 0.5)}"/>`,
        );
      }
    }
  }

  if (isWater) {
    out.push(`<rect x="0" y="${f(horizon)}" width="${w}" height="${f(h - horizon)}" fill="url(#water)"/>`);
    // The sun's broken reflection and ripple lines.
    for (let y = horizon + 6; y < h; y += 6 + (y - horizon) * 0.05) {
      const spread = sunR * (0.6 + ((y - horizon) / (h - horizon)) * 1.6) * (0.5 + rng());
      out.push(
        `<rect x="${f(sunX - spread / 2 + (rng() - 0.5) * sunR * 0.4)}" y="${f(y)}" width="${f(spread)}" height="${f(2 + (y - horizon) * 0.02)}" rx="2" fill="${p.sun}" fill-opacity="${f(0.25 + rng() * 0.45)}"/>`,
      );
      if (rng() < 0.5) {
        const rw = w * (0.05 + rng() * 0.2);
        out.push(
          `<rect x="${f(rng() * w)}" y="${f(y)}" width="${f(rw)}" height="1.6" fill="#ffffff" fill-opacity="${f(0.06 + rng() * 0.12)}"/>`,
        );
      }
    }
    // A near bank in the corner keeps the eye in the frame.
    const bankLeft = rng() < 0.5;
    const bw = w * (0.3 + rng() * 0.25);
    const by = h * (0.84 + rng() * 0.06);
    const x0 = bankLeft ? -10 : w + 10;
    const x1 = bankLeft ? bw : w - bw;
    out.push(
      `<path d="M${f(x0)},${f(by - h * 0.05)}C${f((x0 + x1) / 2)},${f(by - h * 0.06)} ${f(x1)},${f(by)} ${f(x1 + (bankLeft ? 60 : -60))},${f(h + 10)}L${f(x0)},${f(h + 10)}Z" fill="${p.layers[3]}"/>`,
    );
  }

  if (theme === 'frost' || theme === 'ember') {
    // Falling snow or rising sparks, in front of the land.
    const count = theme === 'frost' ? 260 : 140;
    for (let i = 0; i < count; i++) {
      const r = rng() ** 2 * (theme === 'frost' ? 4 : 3) + 0.8;
      const colour = theme === 'frost' ? '#ffffff' : p.accent;
      out.push(
        `<circle cx="${f(rng() * w)}" cy="${f(rng() * h)}" r="${f(r)}" fill="${colour}" fill-opacity="${f(0.3 + rng() * 0.6)}"/>`,
      );
    }
  }

  return `<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.sky[0]}"/><stop offset="${f(((horizon / h) * 0.7 * 100) / 100)}" stop-color="${p.sky[1]}"/><stop offset="${f(horizon / h)}" stop-color="${p.sky[2]}"/></linearGradient>
<radialGradient id="halo"><stop offset="0" stop-color="${p.sun}" stop-opacity="0.55"/><stop offset="0.35" stop-color="${p.sun}" stop-opacity="0.18"/><stop offset="1" stop-color="${p.sun}" stop-opacity="0"/></radialGradient>
<radialGradient id="puff"><stop offset="0" stop-color="${theme === 'ember' ? '#2a1210' : '#f1eee8'}" stop-opacity="0.5"/><stop offset="1" stop-color="${theme === 'ember' ? '#2a1210' : '#f1eee8'}" stop-opacity="0"/></radialGradient>
<linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.layers[0]}"/><stop offset="1" stop-color="${p.water}"/></linearGradient>
</defs>
<rect width="${w}" height="${h}" fill="url(#sky)"/>
${out.join('\n')}`;
}

/** A constructivist collage for culture pieces: discs, arcs, bars and a horizon band on paper. */
function collage(rng: Rng, p: Palette, w: number, h: number): string {
  const out: string[] = [`<rect width="${w}" height="${h}" fill="${p.sky[0]}"/>`];
  const horizon = h * (0.58 + rng() * 0.14);
  out.push(`<rect x="0" y="${f(horizon)}" width="${w}" height="${f(h - horizon)}" fill="${p.sky[2]}"/>`);
  const inks = [p.layers[0], p.layers[1], p.layers[2], p.accent];
  const pick = (): string => inks[Math.floor(rng() * inks.length)]!;

  const bigR = h * (0.24 + rng() * 0.12);
  const bx = w * (0.28 + rng() * 0.44);
  out.push(`<circle cx="${f(bx)}" cy="${f(horizon - bigR * 0.35)}" r="${f(bigR)}" fill="${p.accent}"/>`);
  // Concentric arcs off to one side.
  const ax = rng() < 0.5 ? w * 0.15 : w * 0.85;
  for (let i = 0; i < 9; i++) {
    const r = h * 0.05 + i * h * 0.035;
    out.push(
      `<path d="M${f(ax - r)},${f(horizon)}A${f(r)},${f(r)} 0 0 1 ${f(ax + r)},${f(horizon)}" fill="none" stroke="${p.layers[3]}" stroke-width="${f(h * 0.006)}" stroke-opacity="0.85"/>`,
    );
  }
  // Tilted bars, partly transparent so they overprint.
  for (let i = 0; i < 4; i++) {
    const bw = w * (0.18 + rng() * 0.3);
    const bh = h * (0.03 + rng() * 0.09);
    const x = rng() * (w - bw);
    const y = h * 0.12 + rng() * (h * 0.75);
    const angle = (rng() - 0.5) * 24;
    out.push(
      `<rect x="${f(x)}" y="${f(y)}" width="${f(bw)}" height="${f(bh)}" fill="${pick()}" fill-opacity="${f(0.7 + rng() * 0.25)}" transform="rotate(${f(angle)} ${f(x + bw / 2)} ${f(y + bh / 2)})"/>`,
    );
  }
  // A half-disc sitting on the horizon and a field of small dots.
  const hr = h * (0.08 + rng() * 0.08);
  const hx = w * (0.1 + rng() * 0.8);
  out.push(
    `<path d="M${f(hx - hr)},${f(horizon)}A${f(hr)},${f(hr)} 0 0 1 ${f(hx + hr)},${f(horizon)}Z" fill="${p.layers[1]}"/>`,
  );
  const dx = w * (0.55 + rng() * 0.3);
  const dy = h * (0.1 + rng() * 0.2);
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 6; j++) {
      out.push(
        `<circle cx="${f(dx + i * h * 0.03)}" cy="${f(dy + j * h * 0.03)}" r="${f(h * 0.006)}" fill="${p.layers[3]}"/>`,
      );
    }
  }
  out.push(
    `<line x1="0" y1="${f(horizon)}" x2="${w}" y2="${f(horizon)}" stroke="${p.layers[3]}" stroke-width="${f(h * 0.004)}"/>`,
  );
  return out.join('\n');
}

export function heroArtSvg(spec: HeroArtSpec, width = 2000, height = 1333): string {
  const palette = PALETTES[spec.theme] ?? PALETTES.dusk!;
  const rng = makeRng(spec.seed);
  const body =
    spec.theme === 'paper'
      ? collage(rng, palette, width, height)
      : landscape(rng, spec.theme, palette, width, height);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
${body}
<defs><radialGradient id="vignette" cx="0.5" cy="0.5" r="0.75"><stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.38"/></radialGradient></defs>
<rect width="${width}" height="${height}" fill="url(#vignette)"/>
</svg>`;
}

/** Film grain, added in place: a small triangular-distributed offset per pixel, the same on each channel. */
function addGrain(pixels: Buffer, channels: number, seed: number): void {
  const rng = makeRng(seed ^ 0x5bd1e995);
  const clamped = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
  for (let i = 0; i < clamped.length; i += channels) {
    const n = (rng() + rng() - 1) * 18;
    clamped[i] = clamped[i]! + n;
    clamped[i + 1] = clamped[i + 1]! + n;
    clamped[i + 2] = clamped[i + 2]! + n;
  }
}

export async function renderHeroArt(
  spec: HeroArtSpec,
  width = 2000,
  height = 1333,
): Promise<Buffer<ArrayBuffer>> {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 16 || height < 16) {
    throw new RangeError(`hero art size must be whole pixels of at least 16, got ${width}x${height}`);
  }
  const svg = heroArtSvg(spec, width, height);
  const { data, info } = await (
    await loadSharp()
  )(Buffer.from(svg))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  addGrain(data, info.channels, spec.seed);
  const jpeg = await (
    await loadSharp()
  )(data, { raw: info })
    .jpeg({ quality: 82, progressive: true, chromaSubsampling: '4:2:0' })
    .toBuffer();
  // Callers hand the bytes to APIs typed as Uint8Array<ArrayBuffer>. sharp's buffers are backed by a
  // plain ArrayBuffer, so this only narrows the type; the copy is a fallback that should never run.
  return jpeg.buffer instanceof ArrayBuffer ? (jpeg as Buffer<ArrayBuffer>) : Buffer.from(jpeg);
}
