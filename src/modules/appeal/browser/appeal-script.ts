// The appeal in the reader's browser: bundled with the pure rules into one first-party file
// (/assets/appeal.<hash>.js, see appeal-script-bundle.ts). Everything it remembers stays in this
// browser's localStorage; what it sends is an anonymous count ({variant, event}), never an id.
import {
  appealsVisible,
  countView,
  markShown,
  markSupporter,
  parseMemory,
  pickVariant,
  shouldOpenDialog,
  snooze,
  type AppealMemory,
  type AppealPolicy,
} from '../appeal-rules.ts';

interface Config {
  policy: AppealPolicy;
  variants: Array<{
    id: string;
    weight: number;
    title?: string;
    letter?: string[];
    groups?: Array<{ frequency: string; currency: string; amounts: Array<{ value: string; label: string }> }>;
  }>;
}

const MEMORY = 'samizdat:appeal';
const SUPPORTER = 'samizdat:supporter';
const VARIANT = 'samizdat:appeal-variant';

const doc = document;
const all = <T extends Element>(selector: string, root: ParentNode = doc) =>
  Array.from(root.querySelectorAll<T>(selector));

function store(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The donations module's optional proof-of-work step (a checkout page's form carrying
 * data-pow-token): find a number whose SHA-256 with the challenge starts with the asked zero
 * bits, put it in the form, submit. Without Web Crypto the reader takes the no-script path.
 */
async function solveProofOfWork(form: HTMLFormElement): Promise<void> {
  const token = form.dataset.powToken ?? '';
  const bits = Number(form.dataset.powBits);
  const subtle = window.crypto?.subtle;
  const answer = form.querySelector<HTMLInputElement>('input[name=pow_solution]');
  if (!subtle || !answer || !(bits > 0)) return;
  const encoder = new TextEncoder();
  for (let i = 0; ; i++) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', encoder.encode(`${token}:${i}`)));
    let zeros = 0;
    for (const byte of digest) {
      zeros += byte ? Math.clz32(byte) - 24 : 8;
      if (byte) break;
    }
    if (zeros >= bits) {
      answer.value = String(i);
      form.submit();
      return;
    }
  }
}

function run(): void {
  for (const form of all<HTMLFormElement>('form[data-pow-token]')) void solveProofOfWork(form);
  const ls = store();
  const dialog = doc.querySelector<HTMLDialogElement>('dialog[data-appeal-config]');
  if (doc.querySelector('[data-samizdat-supporter]')) ls?.setItem(SUPPORTER, '1');
  if (!dialog || !ls) return;
  let config: Config;
  try {
    config = JSON.parse(dialog.dataset.appealConfig ?? '') as Config;
  } catch {
    return;
  }
  const now = Date.now();
  let memory: AppealMemory = parseMemory(ls.getItem(MEMORY));
  if (ls.getItem(SUPPORTER) !== null) memory = markSupporter(memory);
  const save = () => ls.setItem(MEMORY, JSON.stringify(memory));

  const variantId = pickVariant(config.variants, ls.getItem(VARIANT), Math.random()) ?? '';
  ls.setItem(VARIANT, variantId);
  const variant = config.variants.find((v) => v.id === variantId);
  const eventsUrl = dialog.dataset.appealEvents ?? '';
  const send = (event: string) => {
    try {
      navigator.sendBeacon(eventsUrl, JSON.stringify({ variant: variantId, event }));
    } catch {
      /* counting is best effort */
    }
  };

  for (const box of all<HTMLElement>('[data-appeal]')) applyVariant(box, variant, variantId);

  const hideAppeals = () => {
    for (const el of all<HTMLElement>('[data-appeal-banner],[data-appeal-inline]')) el.hidden = true;
  };
  if (!appealsVisible(memory, now)) hideAppeals();

  const marker = doc.querySelector<HTMLElement>('[data-appeal-article]');
  const page = { article: marker !== null, section: marker?.dataset.section || null };
  memory = countView(memory, page);
  const open = () => {
    if (!dialog.open) dialog.showModal();
    memory = markShown(memory, Date.now());
    save();
    send('view');
  };
  if (shouldOpenDialog(config.policy, memory, page, now)) open();
  save();

  for (const link of all<HTMLAnchorElement>('[data-appeal-banner] a')) {
    link.addEventListener('click', (e) => {
      e.preventDefault();
      open();
    });
  }
  const dismiss = () => send('dismiss');
  dialog.addEventListener('cancel', dismiss);
  for (const b of all<HTMLButtonElement>('[data-appeal-close]', dialog)) {
    b.addEventListener('click', () => {
      dialog.close();
      dismiss();
    });
  }
  for (const form of all<HTMLFormElement>('form[data-appeal-reminder]')) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      memory = snooze(config.policy, memory, Date.now());
      save();
      send('snooze');
      const email = form.querySelector<HTMLInputElement>('input[type=email]');
      if (email?.value.trim()) {
        const body = new URLSearchParams();
        new FormData(form).forEach((v, k) => body.append(k, String(v)));
        void fetch(form.action, { method: 'POST', body, credentials: 'omit' }).catch(() => undefined);
      }
      hideAppeals();
      if (dialog.open) dialog.close();
    });
  }
  for (const form of all<HTMLFormElement>('form[data-appeal-form]')) {
    form.addEventListener('submit', () => send('conversion-click'));
    form.addEventListener('change', (e) => chosen(form, e.target as HTMLInputElement));
    chosen(form, null);
  }
}

/** The variant's words and amounts, and the variant and page in the form's hidden fields. */
function applyVariant(box: HTMLElement, variant: Config['variants'][number] | undefined, id: string): void {
  for (const input of all<HTMLInputElement>('input[name=variant]', box)) input.value = id;
  for (const input of all<HTMLInputElement>('input[name=source]', box)) input.value = location.pathname;
  if (!variant) return;
  const title = box.querySelector('[data-appeal-title]');
  if (title && variant.title) title.textContent = variant.title;
  const letter = box.querySelector('[data-appeal-letter]');
  if (letter && variant.letter) {
    letter.replaceChildren(
      ...variant.letter.map((text) => {
        const p = doc.createElement('p');
        p.textContent = text;
        return p;
      }),
    );
  }
  for (const g of variant.groups ?? []) {
    const set = box.querySelector(
      `[data-amounts][data-frequency="${g.frequency}"][data-currency="${g.currency}"]`,
    );
    if (!set) continue;
    for (const old of all('[data-amount]', set)) old.remove();
    const prefix = `${box.id}-${g.frequency}-${g.currency}`;
    g.amounts.forEach((a, i) => {
      const span = doc.createElement('span');
      span.setAttribute('data-amount', '');
      const input = doc.createElement('input');
      Object.assign(input, { type: 'radio', name: 'amount', value: a.value, id: `${prefix}-${i}` });
      const label = doc.createElement('label');
      label.htmlFor = input.id;
      label.textContent = a.label;
      span.append(input, ' ', label);
      set.append(span);
    });
  }
}

/** After a frequency or currency change: one visible amount chosen, the other groups shown or not. */
function chosen(form: HTMLFormElement, target: HTMLInputElement | null): void {
  const frequency = form.querySelector<HTMLInputElement>('input[name=frequency]:checked')?.value;
  const currency = form.querySelector<HTMLSelectElement | HTMLInputElement>('[name=currency]')?.value;
  const groups = all<HTMLElement>('[data-amounts]', form);
  let visible: HTMLElement | undefined;
  for (const g of groups) {
    const show = g.dataset.frequency === frequency && g.dataset.currency === currency;
    g.hidden = !show;
    if (show) visible = g;
  }
  for (const el of all<HTMLElement>('[data-limits]', form)) el.hidden = el.dataset.limits !== currency;
  if (target && target.name === 'amount') return;
  if (!visible || visible.querySelector('input:checked')) return;
  const radios = all<HTMLInputElement>('input[name=amount]', visible);
  const middle = radios[Math.floor((radios.length - 1) / 2)];
  if (middle) middle.checked = true;
}

if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', run);
else run();
