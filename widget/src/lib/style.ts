/**
 * Adds a stylesheet to the shadow root once. A `<style>` element carrying the
 * page's CSP nonce passes `style-src 'nonce-…'`; constructable stylesheets
 * would too, but <style> also works in older Safari.
 */
export function injectStyle(root: ShadowRoot, css: string, id: string, nonce?: string): void {
  if (root.querySelector(`style[data-aisle="${id}"]`)) return;
  const style = document.createElement('style');
  style.setAttribute('data-aisle', id);
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = css;
  root.append(style);
}
