import type { CitationPart } from '../../../shared/chat';
import type { Strings } from '../lib/i18n';
import { safeHref } from '../lib/href';

export function Citations({ citations, s }: { citations: CitationPart['citations']; s: Strings }) {
  // One link per document: several passages of the same policy read as noise.
  const seen = new Set<string>();
  const unique = citations.filter((c) => (seen.has(c.documentId) ? false : (seen.add(c.documentId), true)));
  if (!unique.length) return null;
  return (
    <div class="aisle-citations">
      <span class="aisle-citations-label">{s.sources}:</span>
      <ul>
        {unique.map((c) => {
          const href = safeHref(c.url) ?? sameOriginHref(c.url);
          return (
            <li key={c.documentId}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {c.title}
                </a>
              ) : (
                c.title
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Policy pages on the shop's own origin may be plain http in development. */
function sameOriginHref(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.origin === location.origin ? u.href : null;
  } catch {
    return null;
  }
}
