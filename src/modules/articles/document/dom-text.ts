// Small helpers for parse rules: they read text out of pasted DOM, never markup.

const MAX_ATTR_TEXT = 2000;

/** Whitespace collapsed and trimmed, capped so a pasted novel cannot become an attribute. */
export function cleanText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_ATTR_TEXT);
}

/** The text of `element` without the descendants matching `exclude`. */
export function textWithout(element: Element, exclude: string): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll(exclude).forEach((el) => el.remove());
  return cleanText(copy.textContent);
}

/** The cleaned text of the first descendant matching `selector`, or ''. */
export function textOf(element: Element, selector: string): string {
  return cleanText(element.querySelector(selector)?.textContent);
}
