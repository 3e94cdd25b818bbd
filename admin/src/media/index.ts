// The media library: the /admin/media screen, and the picker the editor reuses images through.
export { MediaLibraryScreen } from './MediaLibraryScreen.tsx';
export { MediaPicker } from './MediaPicker.tsx';
export { MediaDetailsForm } from './MediaDetailsForm.tsx';
export { mediaPath, thumbnailOf } from './MediaGrid.tsx';
export { uploadMedia } from './upload-media.ts';
