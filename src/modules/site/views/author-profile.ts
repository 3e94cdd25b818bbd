import { fingerprintGroups, type Author } from '../../authors/index.ts';
import type { PublicMedia } from '../../media/index.ts';
import { toPicture } from './cards.ts';
import type { PictureView } from './view-types.ts';

/** What an author page shows above the list beside the name and bio; each part only when set. */
export interface AuthorProfileView {
  portrait: PictureView | null;
  role: string;
  signal: string | null;
  /** The fingerprint in groups of four, as GnuPG prints it; the full form for copying. */
  pgp: { fingerprint: string; first: string; second: string } | null;
}

const PORTRAIT_SIZES = '(min-width: 40em) 8rem, 6rem';

/**
 * An author's portrait, role and safe ways to reach them, or null when none is set. Nothing is
 * implied for a pen name: it shows what the newsroom chose to set, and by default that is nothing.
 */
export function authorProfileView(author: Author, media: Map<string, PublicMedia>): AuthorProfileView | null {
  const portraitMedia = author.portraitMediaId ? media.get(author.portraitMediaId) : undefined;
  const portrait = portraitMedia
    ? { ...toPicture(portraitMedia, PORTRAIT_SIZES, true), alt: portraitMedia.alt || author.name }
    : null;
  const groups = author.pgpFingerprint ? fingerprintGroups(author.pgpFingerprint) : [];
  const profile: AuthorProfileView = {
    portrait,
    role: author.role,
    signal: author.signalUsername,
    pgp: author.pgpFingerprint
      ? {
          fingerprint: author.pgpFingerprint,
          first: groups.slice(0, 5).join(' '),
          second: groups.slice(5).join(' '),
        }
      : null,
  };
  return profile.portrait || profile.role || profile.signal || profile.pgp ? profile : null;
}
