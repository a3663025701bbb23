// Demo storefront behaviour. In a real shop, the shop's own server signs customer
// tokens; here the demo-only endpoints (DEMO_MODE=true) stand in for it.
(function () {
  'use strict';
  var KEY = 'northwind:demo-customer';

  // The documented queue stub: calls made before widget.js has loaded are replayed by it.
  var A = (window.Aisle = window.Aisle || { q: [] });
  ['open', 'close', 'identify', 'setContext', 'reset', 'on'].forEach(function (m) {
    A[m] = A[m] || function () { A.q.push([m, arguments]); };
  });

  function current() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || 'null'); } catch (e) { return null; }
  }

  /** Asks the demo endpoint for a fresh token each time the widget needs one (first use, after a 401). */
  function tokenProvider(customerId) {
    return function () {
      return fetch('/demo-api/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customerId: customerId }),
      }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (b) { return b && b.token ? b.token : null; });
    };
  }

  function showWho(c) {
    var el = document.querySelector('[data-demo-who]');
    if (!el) return;
    el.hidden = !c;
    el.textContent = c ? 'Signed in as ' + c.name : '';
  }

  // The demo cart's count in the header; the widget's Add to cart says when it changed.
  function showCart() {
    var link = document.querySelector('[data-demo-cart-link]');
    if (!link) return;
    fetch('/cart.js', { headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (cart) { if (cart) link.textContent = 'Cart (' + cart.item_count + ')'; })
      .catch(function () {});
  }
  showCart();
  window.Aisle.on('cart', showCart);

  var me = current();
  if (me) window.Aisle.identify(tokenProvider(me.id));
  showWho(me);

  var form = document.querySelector('[data-demo-signin]');
  if (!form) return;
  var select = form.querySelector('select');
  var submit = form.querySelector('button');
  var signedIn = document.querySelector('[data-demo-signed-in]');
  var status = document.querySelector('[data-demo-status]');

  function render() {
    var c = current();
    form.hidden = !!c;
    signedIn.hidden = !c;
    if (c) signedIn.querySelector('[data-demo-name]').textContent = c.name;
    showWho(c);
  }

  fetch('/demo-api/customers')
    .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
    .then(function (body) {
      select.textContent = '';
      (body.customers || []).forEach(function (c) {
        var o = document.createElement('option');
        o.value = c.id;
        o.textContent = c.name + ' (' + c.id + ')';
        select.appendChild(o);
      });
      select.disabled = submit.disabled = !select.options.length;
    })
    .catch(function () {
      select.textContent = '';
      var o = document.createElement('option');
      o.textContent = 'Demo sign-in is off (start the Worker with DEMO_MODE=true)';
      select.appendChild(o);
    });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var opt = select.options[select.selectedIndex];
    if (!opt) return;
    var c = { id: opt.value, name: opt.textContent.replace(/ \(.*\)$/, '') };
    sessionStorage.setItem(KEY, JSON.stringify(c));
    // A new identity starts a new conversation: the old one belongs to the guest.
    window.Aisle.reset();
    window.Aisle.identify(tokenProvider(c.id));
    status.textContent = 'Signed in as ' + c.name + '.';
    render();
  });

  signedIn.querySelector('[data-demo-signout]').addEventListener('click', function () {
    sessionStorage.removeItem(KEY);
    window.Aisle.reset();
    window.Aisle.identify(null);
    status.textContent = 'Signed out.';
    render();
  });

  render();
})();
