/** Builds the renderer if needed; returns false when the build failed. */
export function ensureRendererBuilt(options?: { quiet?: boolean }): boolean;
