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
   * remote_image_dropped: an image on another site could not be copied into our media library
   * when the article was saved, so the figure was removed (we never show readers a third-party
   * URL); `origin` and `reason` say which and why.
   */
  code: 'replaced_by_text' | 'removed' | 'text_not_kept' | 'remote_image_dropped';
  message: string;
  /** The element concerned, without brackets: "svg", "noscript". */
  element?: string;
  count?: number;
  /** The start of the text concerned, at most 100 characters. */
  text?: string;
  /** The other site, for remote_image_dropped: "https://images.example". */
  origin?: string;
  /** Why, for remote_image_dropped: private_address, timeout, too_large, http_status, not_an_image... */
  reason?: string;
}
