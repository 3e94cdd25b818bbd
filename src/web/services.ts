// The services a process runs on: the composition root (src/container.ts) with what only the web
// layer can supply, the static exporter behind MIRROR_DIR (it renders through this layer's server).
// serve, worker, the CLI and the tests all build their services here: one wiring for all.
import { createContainer, type ContainerOptions, type Services } from '../container.ts';
import type { Config } from '../config/config.schema.ts';

export function createServices(config: Config, options: ContainerOptions = {}): Promise<Services> {
  return createContainer(config, {
    // Loaded on the first export: a process that never exports never loads the exporter.
    exportMirror: async (services, mirror) =>
      (await import('./mirror/index.ts')).exportMirror(services, mirror),
    ...options,
  });
}
