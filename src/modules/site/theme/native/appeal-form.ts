import { arr, obj, out, size, t, truthy, type Obj } from './liquid-output.ts';

// partials/appeal-form.liquid of the default theme (see index.ts). An article page renders it
// with its own `source` (the inline appeal), so it was never kept like the dialog's copy: about a
// sixth of an article render through Liquid.

function frequencies(appeal: Obj, prefix: string): string {
  return arr(appeal.frequencies)
    .map(
      (f) =>
        `<span class="appeal-form__choice"><input type="radio" name="frequency" id="${prefix}-frequency-${out(f.id)}" ` +
        `value="${out(f.id)}"${truthy(f.checked) ? ' checked' : ''}> <label for="${prefix}-frequency-${out(f.id)}">` +
        `${out(f.label)}</label></span>\n`,
    )
    .join('');
}

function currencyField(appeal: Obj, prefix: string, globals: Obj): string {
  if ((size(appeal.currencies) ?? 0) > 1) {
    const options = arr(appeal.currencies)
      .map((c) => `<option${truthy(c.selected) ? ' selected' : ''}>${out(c.code)}</option>`)
      .join('');
    return (
      `<p><label for="${prefix}-currency">${t(globals, 'appeal.currency')}</label> ` +
      `<select name="currency" id="${prefix}-currency">${options}</select></p>\n`
    );
  }
  return `<input type="hidden" name="currency" value="${out(appeal.currency)}">\n`;
}

function amountGroups(appeal: Obj, prefix: string): string {
  return arr(appeal.groups)
    .map((g) => {
      const id = `${prefix}-${out(g.frequency)}-${out(g.currency)}`;
      const amounts = arr(g.amounts)
        .map(
          (a, i) =>
            `<span class="appeal-form__choice" data-amount><input type="radio" name="amount" id="${id}-${i}" ` +
            `value="${out(a.value)}"${truthy(a.checked) ? ' checked' : ''}> <label for="${id}-${i}">` +
            `${out(a.label)}</label></span>\n`,
        )
        .join('');
      return (
        `<fieldset class="appeal-form__amounts" data-amounts data-frequency="${out(g.frequency)}" ` +
        `data-currency="${out(g.currency)}">\n<legend>${out(g.legend)}</legend>\n${amounts}</fieldset>\n`
      );
    })
    .join('');
}

function rails(appeal: Obj, prefix: string, globals: Obj): string {
  return arr(appeal.rails)
    .map(
      (r) =>
        `<span class="appeal-form__choice"><input type="radio" name="rail" id="${prefix}-rail-${out(r.id)}" ` +
        `value="${out(r.id)}"${truthy(r.checked) ? ' checked' : ''}> <label for="${prefix}-rail-${out(r.id)}">` +
        `${out(r.label)}${truthy(r.test) ? ` <span class="appeal-form__test">${t(globals, 'appeal.test_rail')}</span>` : ''}` +
        `</label></span>\n`,
    )
    .join('');
}

/** partials/appeal-form.liquid */
export function appealForm(args: Obj, globals: Obj): string {
  const appeal = obj(args.appeal);
  const prefix = out(args.prefix);
  const limits = arr(appeal.currencies)
    .map(
      (c) =>
        `<span class="appeal-form__limits" id="${prefix}-limits-${out(c.code)}" data-limits="${out(c.code)}"` +
        `${truthy(c.selected) ? '' : ' hidden'}>${out(c.limits)}</span>`,
    )
    .join('');
  return (
    `\n<form class="appeal-form" method="post" action="${out(appeal.action)}" data-appeal-form>\n` +
    `<input type="hidden" name="variant" value="${out(appeal.variant)}">\n` +
    `<input type="hidden" name="source" value="${out(args.source)}">\n` +
    `<fieldset class="appeal-form__frequency">\n<legend>${t(globals, 'appeal.frequency')}</legend>\n` +
    `${frequencies(appeal, prefix)}</fieldset>\n` +
    currencyField(appeal, prefix, globals) +
    amountGroups(appeal, prefix) +
    `<p class="appeal-form__custom"><label for="${prefix}-custom">${t(globals, 'appeal.custom')}</label> ` +
    `<input type="text" inputmode="decimal" name="custom_amount" id="${prefix}-custom" maxlength="12" ` +
    `pattern="[0-9]+([.,][0-9]{1,2})?" autocomplete="off" aria-describedby="${prefix}-limits-${out(appeal.currency)}">\n` +
    `${limits}</p>\n<fieldset class="appeal-form__rails">\n<legend>${t(globals, 'appeal.rails')}</legend>\n` +
    `${rails(appeal, prefix, globals)}</fieldset>\n` +
    `<p><button type="submit" class="appeal-form__continue">${t(globals, 'appeal.continue')}</button></p>\n</form>\n`
  );
}
