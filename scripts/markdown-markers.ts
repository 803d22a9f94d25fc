/**
 * `text` with `content` on the lines between its `<!-- name -->` and `<!-- /name -->`
 * markers, or null when it has no such pair. What generated figures (the bench's table, the
 * mutation run's summary) are written into, so a page shows one run's output, never figures
 * typed by hand.
 */
export function betweenMarkers(text: string, name: string, content: string): string | null {
  const start = `<!-- ${name} -->`;
  const startAt = text.indexOf(start);
  const endAt = text.indexOf(`<!-- /${name} -->`);
  if (startAt < 0 || endAt < startAt) return null;
  return `${text.slice(0, startAt + start.length)}\n${content}\n${text.slice(endAt)}`;
}
