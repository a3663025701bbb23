import { Component } from 'preact';

type Markdown = typeof import('../lib/markdown');

let md: Markdown | undefined;
let loading: Promise<Markdown> | undefined;

/**
 * The markdown renderer is a lazy chunk (about 0.7 KB gzip that the first open does not need):
 * fetched when the panel is first shown, so it is usually there before the first reply.
 */
export const loadMarkdown = (): Promise<Markdown> =>
  (loading ??= import('../lib/markdown').then(
    (m) => (md = m),
    (err) => {
      loading = undefined;
      throw err;
    },
  ));

/** The reply as plain text for the screen-reader announcement; the raw text until the renderer is there. */
export const announceText = (text: string) => (md ? md.plainText(text) : text);

/**
 * A reply's text: rendered markdown once the renderer is loaded, until then the same text as a
 * plain text node (safe, and honest: nothing is hidden while it loads).
 */
export class Rich extends Component<{ text: string }> {
  override componentDidMount() {
    if (!md) loadMarkdown().then(() => this.forceUpdate(), () => {});
  }
  override render() {
    return md ? md.renderMarkdown(this.props.text) : <p style="white-space:pre-wrap">{this.props.text}</p>;
  }
}
