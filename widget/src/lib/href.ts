// Links the widget renders (reply markdown, cards, citations): in the panel chunk, since the
// markdown renderer that also uses it is a lazy chunk.
/** https URLs and same-origin absolute paths only; everything else is refused. */
export function safeHref(url: string | undefined | null): string | null {
  const value = url?.trim() ?? '';
  if (/^\/(?![/\\])/.test(value)) return value;
  try {
    return /^https:\/\//i.test(value) && new URL(value).protocol === 'https:' ? new URL(value).href : null;
  } catch {
    return null;
  }
}
