export { createRenderedParts, type RenderedParts } from './rendered-parts-store.ts';
export {
  enqueueStaleParts,
  renderedPartsJobs,
  renderPartsFollowUp,
  RENDER_PARTS_TASK,
  RERENDER_STALE_PARTS_TASK,
} from './rendered-parts-jobs.ts';
