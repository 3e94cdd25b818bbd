/**
 * What importing HTML could not keep as it was. Pasted HTML is never cut silently: a structure
 * the document has no place for becomes text where a reader would have seen text, and is reported
 * here either way, so the newsroom can check the result.
 */
export interface ImportWarning {
  /**
   * replaced_by_text: an <svg> drawing or <math> formula became the text shown in it.
   * removed: an element whose text a reader would not normally see (noscript, template, a
   * dialog, media fallbacks) was removed with its text.
   * text_not_kept: a final check found text of the input missing from the document.
   */
  code: 'replaced_by_text' | 'removed' | 'text_not_kept';
  message: string;
  /** The element concerned, without brackets: "svg", "noscript". */
  element?: string;
  count?: number;
  /** The start of the text concerned, at most 100 characters. */
  text?: string;
}
