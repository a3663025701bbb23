import { Component } from 'preact';
import type { ProductCard } from '../../../shared/chat';
import { addToCart, type Outcome } from '../lib/cart';
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
