import { Component } from 'preact';
import type { ProductCard } from '../../../shared/chat';
import { lazyHost } from './Lazy';

// The actions' few words live in the cards chunk, not in the first-open strings.
// View, Add to cart, Added to cart, Sold out, Could not add.
const T: Record<string, [string, string, string, string, string]> = {
  en: ['View', 'Add to cart', 'Added to cart', 'Sold out', 'Could not add it. Please try again.'],
  es: ['Ver', 'Añadir al carrito', 'Añadido al carrito', 'Agotado', 'No se pudo añadir. Inténtalo de nuevo.'],
  fr: ['Voir', 'Ajouter au panier', 'Ajouté au panier', 'Épuisé', "Impossible de l'ajouter. Réessayez."],
  de: ['Ansehen', 'In den Warenkorb', 'Im Warenkorb', 'Ausverkauft', 'Konnte nicht hinzugefügt werden. Bitte erneut versuchen.'],
  it: ['Vedi', 'Aggiungi al carrello', 'Aggiunto al carrello', 'Esaurito', 'Impossibile aggiungerlo. Riprova.'],
  pt: ['Ver', 'Adicionar ao carrinho', 'Adicionado ao carrinho', 'Esgotado', 'Não foi possível adicionar. Tente novamente.'],
};

type Cart = NonNullable<ProductCard['cart']>;
type Outcome = 2 | 3 | 4; // added, sold out, failed (indexes into T)

/**
 * Adds one item through the shop platform's own storefront cart, from the page's origin (the
 * shopper's own cart cookie). Shopify: POST /cart/add.js (422 when it cannot be added, e.g. sold
 * out). WooCommerce: the Store API, with the Nonce and Cart-Token a GET of the cart hands out.
 */
export async function addToCart(cart: Cart): Promise<Outcome> {
  const id = Number(cart.id) || cart.id;
  const json = { 'content-type': 'application/json', accept: 'application/json' };
  if (cart.platform == 'shopify') {
    // Shopify markets in a sub-folder (/fr/) name their root here.
    const root = (window as { Shopify?: { routes?: { root?: string } } }).Shopify?.routes?.root ?? '/';
    const res = await fetch(`${root}cart/add.js`, { method: 'POST', headers: json, body: JSON.stringify({ items: [{ id, quantity: 1 }] }) });
    return res.ok ? 2 : res.status == 422 ? 3 : 4;
  }
  const api = '/wp-json/wc/store/v1/cart';
  const got = await fetch(api, { headers: json });
  const keys: Record<string, string> = {};
  for (const h of ['Nonce', 'Cart-Token']) {
    const v = got.headers.get(h);
    if (v) keys[h] = v;
  }
  const res = await fetch(`${api}/add-item`, { method: 'POST', headers: { ...json, ...keys }, body: JSON.stringify({ id, quantity: 1 }) });
  if (res.ok) return 2;
  const code = String(((await res.json().catch(() => ({}))) as { code?: unknown }).code);
  return code.includes('stock') || code.includes('purchasable') ? 3 : 4;
}

/**
 * View and Add to cart under a product card. Add to cart runs only on the shopper's click, with
 * the id the server put on the card from the shop's catalog; never because a reply said so.
 */
export class ProductActions extends Component<{ card: ProductCard; link: { href: string; external: boolean } | null }, { busy?: boolean; done?: Outcome }> {
  add = async () => {
    const { cart } = this.props.card;
    this.setState({ busy: true });
    const done = await addToCart(cart!).catch((): Outcome => 4);
    this.setState({ busy: false, done });
    if (done == 2) lazyHost().ctx.emit('cart', { platform: cart!.platform, id: cart!.id, productId: this.props.card.id });
  };
  override render() {
    const { card, link } = this.props;
    const t = T[lazyHost().ctx.locale.slice(0, 2)] ?? T.en!;
    const { busy, done } = this.state;
    return (
      <div class="aisle-product-actions">
        {link ? (
          <a class="aisle-action" href={link.href} {...(link.external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
            {t[0]}
          </a>
        ) : null}
        {card.cart ? (
          <button type="button" class="aisle-action aisle-action-main" disabled={busy || done == 2} onClick={this.add}>
            {done == 2 ? t[2] : t[1]}
          </button>
        ) : null}
        <span role="status" class={done == 2 ? 'aisle-sr' : 'aisle-action-note'}>
          {done ? t[done] : ''}
        </span>
      </div>
    );
  }
}
