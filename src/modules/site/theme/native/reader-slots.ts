import { arr, items, obj, out, size, t, truthy, type Obj } from './liquid-output.ts';
import { appealForm } from './appeal-form.ts';

// partials/newsletter-signup, partials/support-inline and partials/appeal-letter of the default
// theme (see index.ts): an article page renders the first two with its own address as `source`.

/** partials/appeal-letter.liquid */
export function appealLetter(args: Obj): string {
  const appeal = obj(args.appeal);
  const letter = items(appeal.letter)
    .map((p) => `<p>${out(p)}</p>`)
    .join('');
  return (
    `<div class="appeal__letter" data-appeal-letter>${letter}</div>\n` +
    (truthy(appeal.startingFrom) ? `<p class="appeal__from">${out(appeal.startingFrom)}</p>` : '') +
    '\n'
  );
}

/** partials/support-inline.liquid */
export function supportInline(args: Obj, globals: Obj): string {
  const site = obj(globals.site);
  const appeal = obj(site.appeal);
  if (!(truthy(site.appeal) && truthy(appeal.enabled))) return '\n\n';
  return (
    `\n\n<section class="support-inline" id="appeal-inline" data-appeal data-appeal-inline data-appeal-article ` +
    `data-section="${out(args.section)}" aria-labelledby="appeal-inline-title">\n` +
    `<h2 class="appeal__title" id="appeal-inline-title" data-appeal-title>${out(appeal.title)}</h2>\n` +
    `${appealLetter({ appeal: site.appeal })}\n` +
    `${appealForm({ appeal: site.appeal, prefix: 'inline', source: args.source }, globals)}\n</section>\n\n`
  );
}

function lists(newsletter: Obj, globals: Obj): string {
  const all = arr(newsletter.lists);
  const count = size(newsletter.lists);
  if ((count ?? 0) > 1) {
    const boxes = all
      .map(
        (list, i) =>
          `<div class="newsletter__list"${truthy(list.lang) ? ` lang="${out(list.lang)}"` : ''}>` +
          `<input type="checkbox" id="newsletter-list-${i + 1}" name="list" value="${out(list.id)}"` +
          `${truthy(list.checked) ? ' checked' : ''}> <label for="newsletter-list-${i + 1}">${out(list.name)}</label>` +
          `${list.description !== '' ? ` <span class="newsletter__list-note">${out(list.description)}</span>` : ''}</div>\n`,
      )
      .join('');
    return (
      `<fieldset class="newsletter__lists">\n<legend>${t(globals, 'newsletter.lists_legend')}</legend>\n` +
      `${boxes}</fieldset>`
    );
  }
  if (count === 1) return `<input type="hidden" name="list" value="${out(all[0]!.id)}">`;
  return '';
}

/** partials/newsletter-signup.liquid */
export function newsletterSignup(args: Obj, globals: Obj): string {
  const site = obj(globals.site);
  if (!truthy(site.newsletter)) return '\n\n';
  const n = obj(site.newsletter);
  const problem = truthy(args.problem);
  return (
    `\n\n<section class="newsletter" aria-labelledby="newsletter-title">\n` +
    `<h2 class="newsletter__title" id="newsletter-title"><a href="${out(n.pageUrl)}">${t(globals, 'newsletter.title')}</a></h2>\n` +
    `<p class="newsletter__pitch">${truthy(n.pitch) ? out(n.pitch) : t(globals, 'newsletter.pitch')}</p>\n` +
    `<form class="newsletter__form" method="post" action="${out(n.action)}">\n` +
    `<input type="hidden" name="source" value="${out(args.source)}">\n` +
    `<input type="hidden" name="language" value="${out(globals.lang)}">\n` +
    (problem
      ? `<p class="newsletter__problem" id="newsletter-problem" role="alert">${out(args.problem)}</p>`
      : '') +
    `\n${lists(n, globals)}\n` +
    `<div class="newsletter__trap" aria-hidden="true"><label for="newsletter-website">${t(globals, 'newsletter.honeypot')}</label>` +
    `<input id="newsletter-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>\n` +
    `<label class="newsletter__label" for="newsletter-email">${t(globals, 'newsletter.email')}</label>\n` +
    `<div class="field-row">\n<input id="newsletter-email" name="email" type="email" autocomplete="email" required maxlength="254"` +
    `${truthy(args.email) ? ` value="${out(args.email)}"` : ''}` +
    `${problem ? ' aria-invalid="true" aria-describedby="newsletter-problem"' : ''}>\n` +
    `<button type="submit">${t(globals, 'newsletter.submit')}</button>\n</div>\n</form>\n` +
    `<p class="newsletter__small"><a href="${out(n.previewUrl)}">${t(globals, 'newsletter.preview')}</a> ` +
    `(${t(globals, 'newsletter.preview_hint')}) · ${t(globals, 'newsletter.consent_before')} ` +
    `<a href="${out(n.privacyUrl)}">${t(globals, 'newsletter.privacy_policy')}</a>${t(globals, 'newsletter.consent_after')}</p>\n` +
    `</section>\n\n`
  );
}
