// The demo publication's identity. Ilmara, Kestavia, Varensk and Aldra are invented for Samizdat:
// the newsroom, the country and its places do not exist.
import type { DemoPublication } from './demo.types.ts';

const ACCENT = '#b8402a';
const INK = '#1b1f24';

// A geometric wordmark: a disc crossed by the river the publication is named after, then the name
// drawn as strokes, so it renders the same everywhere without depending on installed fonts.
const logoSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 288 64" width="288" height="64" role="img" aria-labelledby="ilmara-logo-title">
<title id="ilmara-logo-title">Ilmara</title>
<circle cx="32" cy="32" r="26" fill="${ACCENT}"/>
<path d="M12 36q5-6 10 0t10 0t10 0t10 0" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round"/>
<path d="M18 45q3.5-4.5 7 0t7 0t7 0t7 0" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/>
<g fill="${INK}">
<rect x="78" y="14" width="6" height="36"/>
<path d="M96 14H102V44H121V50H96Z"/>
<path d="M133 50V14H139L149 30L159 14H165V50H159V26L149 42L139 26V50Z"/>
<path fill-rule="evenodd" d="M177 50L189 14H195L207 50H200.7L197.7 41H186.3L183.3 50ZM192 23.9L195.7 35H188.3Z"/>
<path d="M215 14H229A11.5 11.5 0 0 1 232.4 36.5L243 50H235.6L226.5 37H221V50H215ZM221 20V31H229A5.5 5.5 0 0 0 229 20Z" fill-rule="evenodd"/>
<path fill-rule="evenodd" d="M252 50L264 14H270L282 50H275.7L272.7 41H261.3L258.3 50ZM267 23.9L270.7 35H263.3Z"/>
</g>
</svg>`;

export const publication: DemoPublication = {
  name: 'Ilmara',
  nameRu: 'Ильмара',
  tagline: {
    en: 'Independent journalism about Kestavia, from the other bank of the river.',
    ru: 'Независимая журналистика о Кеставии — с другого берега реки.',
  },
  about: {
    en: 'Ilmara is an independent newsroom covering Kestavia. Our editors left Varensk after the government declared us an "undesirable organisation"; we now work from Aldra, alongside colleagues who still report from inside the country, some of them under pen names. We are funded by our readers and answer only to them.',
    ru: '«Ильмара» — независимая редакция, которая пишет о Кеставии. Наши редакторы уехали из Варенска после того, как власти признали издание «нежелательной организацией»; теперь мы работаем из Алдры вместе с коллегами, которые по-прежнему ведут репортажи изнутри страны, — некоторые из них под псевдонимами. Нас финансируют читатели, и отчитываемся мы только перед ними.',
  },
  accentColor: ACCENT,
  logoSvg,
};
