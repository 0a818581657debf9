/**
 * Runs `work` with the next frame, so that any number of live updates in between cost one render.
 * Hidden tabs get no frames; there a timer keeps the queue from growing until the tab shows again.
 */
export function nextFrame(work: () => void): void {
  if (document.visibilityState === 'hidden') setTimeout(work, 250);
  else requestAnimationFrame(() => work());
}

/** Runs `work` in a task of its own, after the browser has had a chance to handle input and paint. */
export function nextTask(work: () => void): void {
  setTimeout(work, 0);
}
