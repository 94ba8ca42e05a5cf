// DataBourse console: one render function per view, each fetching its JSON from the API.
'use strict';

const Charts = {};

function num(text) { return el('td', { class: 'num' }, text); }
function sideCell(side) { return el('td', { class: side }, side); }
function badge(text) { return el('span', { class: 'badge ' + text }, text); }

function drawChart(id, prints, title) {
  if (typeof Chart === 'undefined') return;
  const labels = prints.map(p => p.time.substring(11, 19));
  const data = prints.map(p => Number(p.price));
  if (Charts[id]) {
    Charts[id].data.labels = labels;
    Charts[id].data.datasets[0].data = data;
    Charts[id].data.datasets[0].label = title;
    Charts[id].update('none');
    return;
  }
  Charts[id] = new Chart(document.getElementById(id), {
    type: 'line',
    data: { labels, datasets: [{ label: title, data, borderColor: '#0b5cad', backgroundColor: 'rgba(11,92,173,.12)',
      fill: true, stepped: true, pointRadius: 2 }] },
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: true } },
      scales: { y: { title: { display: true, text: 'yuan' } } } },
  });
}

function depthText(depth) {
  const bid = depth.bids.reduce((s, l) => s + l.qty, 0);
  const ask = depth.asks.reduce((s, l) => s + l.qty, 0);
  return bid + ' / ' + ask;
}

const Views = {
  selectedProduct: null,
  riskSort: { key: 'participant', asc: true },
  riskRows: [],
  replacing: null,
  alerts: [],

  install() {
    document.getElementById('ticket').addEventListener('submit', Views.sendOrder);
    document.getElementById('ticket-product').addEventListener('change', Views.ticketPurposes);
    document.getElementById('ticket-side').addEventListener('change', Views.ticketPurposes);
    document.getElementById('ticket-type').addEventListener('change', () => {
      const market = document.getElementById('ticket-type').value === 'market';
      document.getElementById('ticket-price').disabled = market;
      if (market) document.getElementById('ticket-price').value = '';
    });
    document.getElementById('replace-form').addEventListener('submit', Views.sendReplace);
    document.getElementById('replace-cancel').addEventListener('click', () => {
      document.getElementById('replace-form').hidden = true; Views.replacing = null;
    });
    for (const th of document.querySelectorAll('#risk-table th[data-sort]')) {
      th.addEventListener('click', () => {
        const key = th.dataset.sort;
        Views.riskSort = { key, asc: Views.riskSort.key === key ? !Views.riskSort.asc : true };
        Views.renderRiskRows();
      });
    }
    document.getElementById('alerts-type').addEventListener('change', Views.renderAlerts);
    document.getElementById('alerts-participant').addEventListener('input', Views.renderAlerts);
  },

  async catalogue() {
    const r = await api('GET', '/api/catalogue');
    if (!r.ok) return;
    const rows = r.json.products.map(p => {
      const tr = el('tr', { class: 'clickable', 'data-product': p.id, onclick: () => { Views.selectedProduct = p.id; Views.market(); } },
        el('td', {}, p.id), el('td', {}, p.kind), el('td', {}, p.grade), el('td', { class: 'list' }, p.rights.split(',').join(', ')),
        el('td', { class: 'list' }, p.purposes.join(', ')), el('td', {}, p.delivery),
        el('td', {}, badge(p.status), p.phase === 'call_auction' ? badge('auction') : ''),
        el('td', {}, p.owner), el('td', {}, p.reviewedBy), num(p.bandPercent ? '±' + p.bandPercent + '%' : ''),
        num(p.indicativePrice ? 'indicative ' + p.indicativePrice + ' × ' + p.indicativeVolume :
          (p.lastPrice || (p.referencePrice ? 'ref ' + p.referencePrice : ''))),
        num(p.vwap), num(p.volume), num(p.bestBid), num(p.bestAsk), num(depthText(p.depth)));
      return tr;
    });
    fill(document.querySelector('#catalogue-table tbody'), rows, 'no products', 16);
    if (!Views.selectedProduct && r.json.products.length) Views.selectedProduct = r.json.products[0].id;
    if (Views.selectedProduct) await Views.market();
  },

  async market() {
    const r = await api('GET', '/api/market/' + encodeURIComponent(Views.selectedProduct));
    if (!r.ok) return;
    const p = r.json.product;
    document.getElementById('market-card').hidden = false;
    document.getElementById('market-title').textContent = p.id + ' — last ' + (p.lastPrice || '—') + ', VWAP ' + (p.vwap || '—');
    const prices = new Map();
    for (const l of p.depth.bids) prices.set(l.price, { bid: l.qty, ask: '' });
    for (const l of p.depth.asks) prices.set(l.price, Object.assign(prices.get(l.price) || { bid: '' }, { ask: l.qty }));
    const rows = [...prices.entries()].sort((a, b) => Number(b[0]) - Number(a[0]))
      .map(([price, q]) => el('tr', {}, num(q.bid), num(price), num(q.ask)));
    fill(document.querySelector('#market-depth tbody'), rows, 'empty book', 3);
    drawChart('market-chart', r.json.prints, p.id);
  },

  async orders() {
    const [catalogue, orders] = await Promise.all([api('GET', '/api/catalogue'),
      api('GET', '/api/participants/' + encodeURIComponent(Console.session.participant) + '/orders')]);
    if (catalogue.ok) {
      const select = document.getElementById('ticket-product');
      const chosen = select.value;
      select.replaceChildren(...catalogue.json.products.map(p => el('option', { value: p.id }, p.id + ' (' + p.status + ')')));
      if (chosen) select.value = chosen;
      Views.products = new Map(catalogue.json.products.map(p => [p.id, p]));
      Views.ticketPurposes();
    }
    if (!orders.ok) return;
    const live = orders.json.live.map(o => el('tr', { 'data-clordid': o.clOrdId },
      el('td', {}, o.clOrdId), el('td', {}, o.product), sideCell(o.side), el('td', {}, o.ordType), el('td', {}, o.tif),
      num(o.price), num(o.qty), num(o.leavesQty), num(o.cumQty), el('td', {}, o.channel),
      el('td', {}, el('button', { class: 'secondary replace-order', onclick: () => Views.openReplace(o) }, 'Replace'), ' ',
        el('button', { class: 'danger cancel-order', onclick: () => Views.cancel(o) }, 'Cancel'))));
    fill(document.querySelector('#orders-live tbody'), live, 'no live orders', 11);
    const done = orders.json.done.map(o => el('tr', { 'data-clordid': o.clOrdId },
      el('td', {}, o.clOrdId), el('td', {}, o.product), sideCell(o.side), num(o.price), num(o.qty), num(o.cumQty),
      num(o.avgPrice), el('td', {}, o.state), el('td', {}, o.reason)));
    fill(document.querySelector('#orders-done tbody'), done, 'none yet', 9);
    const refusals = orders.json.refusals.map(f => el('tr', {},
      el('td', {}, f.time), el('td', {}, f.command), el('td', {}, f.clOrdId), el('td', {}, f.reason), el('td', {}, f.text)));
    fill(document.querySelector('#orders-refusals tbody'), refusals, 'none', 5);
  },

  // a buy of a product that declares purposes names one of them (the matcher checks it)
  ticketPurposes() {
    const product = Views.products && Views.products.get(document.getElementById('ticket-product').value);
    const purposes = product ? product.purposes : [];
    const buy = document.getElementById('ticket-side').value === 'buy';
    const select = document.getElementById('ticket-purpose');
    const chosen = select.value;
    select.replaceChildren(...purposes.map(p => el('option', { value: p }, p.replace(/_/g, ' '))));
    if (purposes.includes(chosen)) select.value = chosen;
    document.getElementById('ticket-purpose-label').hidden = !(buy && purposes.length);
  },

  async sendOrder(event) {
    event.preventDefault();
    const body = {
      product: document.getElementById('ticket-product').value,
      side: document.getElementById('ticket-side').value,
      ordType: document.getElementById('ticket-type').value,
      tif: document.getElementById('ticket-tif').value,
      qty: document.getElementById('ticket-qty').value.trim(),
    };
    const price = document.getElementById('ticket-price').value.trim();
    if (body.ordType === 'limit' || price) body.price = price;
    if (!document.getElementById('ticket-purpose-label').hidden) body.purpose = document.getElementById('ticket-purpose').value;
    const r = await api('POST', '/api/orders', body);
    const result = document.getElementById('ticket-result');
    result.className = 'result ' + (r.ok ? 'good' : 'bad');
    result.textContent = r.ok ? 'Sent as ' + r.json.clOrdId + ': the exchange\'s answer appears below.' :
      'Not sent: ' + (r.json ? r.json.error : r.status);
  },

  async cancel(order) {
    const r = await api('POST', '/api/orders/cancel', { clOrdId: order.clOrdId });
    const result = document.getElementById('ticket-result');
    result.className = 'result ' + (r.ok ? 'good' : 'bad');
    result.textContent = r.ok ? 'Cancel of ' + order.clOrdId + ' sent.' : 'Not sent: ' + (r.json ? r.json.error : r.status);
  },

  openReplace(order) {
    Views.replacing = order;
    document.getElementById('replace-title').textContent = 'Replace ' + order.clOrdId + ' (' + order.product + ')';
    document.getElementById('replace-price').value = order.price;
    document.getElementById('replace-qty').value = order.qty;
    document.getElementById('replace-form').hidden = false;
  },

  async sendReplace(event) {
    event.preventDefault();
    const order = Views.replacing;
    if (!order) return;
    const r = await api('POST', '/api/orders/replace', { clOrdId: order.clOrdId,
      price: document.getElementById('replace-price').value.trim(), qty: document.getElementById('replace-qty').value.trim() });
    const result = document.getElementById('ticket-result');
    result.className = 'result ' + (r.ok ? 'good' : 'bad');
    result.textContent = r.ok ? 'Replace of ' + order.clOrdId + ' sent.' : 'Not sent: ' + (r.json ? r.json.error : r.status);
    if (r.ok) { document.getElementById('replace-form').hidden = true; Views.replacing = null; }
  },

  async trades() {
    const r = await api('GET', '/api/participants/' + encodeURIComponent(Console.session.participant) + '/trades');
    if (!r.ok) return;
    const rows = r.json.trades.map(t => el('tr', { 'data-trade': t.tradeId },
      num(t.tradeId), el('td', {}, t.time), el('td', {}, t.product), sideCell(t.side), num(t.price), num(t.qty),
      num(t.value), num(t.fee), Views.certificateCell(t)));
    fill(document.querySelector('#trades-table tbody'), rows, 'no trades yet', 9);
  },

  // the certificate as the settlement stage issued it: id, place in the chain, hash (in full on hover)
  certificateCell(t) {
    if (!t.certified) return el('td', { class: 'pending' }, 'pending');
    return el('td', { class: 'certificate', 'data-hash': t.certificateHash },
      t.certificateId + ' #' + t.certificateIndex + ' ',
      el('code', { title: 'SHA-256 ' + t.certificateHash }, t.certificateHash.substring(0, 16) + '…'));
  },

  async positions() {
    const r = await api('GET', '/api/participants/' + encodeURIComponent(Console.session.participant) + '/position');
    if (!r.ok) return;
    const p = r.json.position;
    const summary = document.getElementById('position-summary');
    const metric = (label, value, id) => el('div', { class: 'metric', id }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value));
    if (!p) { summary.replaceChildren(el('p', { class: 'empty' }, 'nothing settled yet')); return; }
    summary.replaceChildren(metric('Cash', p.cash, 'position-cash'), metric('Available', p.available, 'position-available'),
      metric('Reserved', p.reserved, 'position-reserved'), metric('Open buy exposure', p.openOrders.buyExposure),
      metric('Pledged collateral', p.pledgedCollateral), metric('Mark to market', p.markToMarket, 'position-mtm'));
    fill(document.querySelector('#position-holdings tbody'), p.holdings.map(h =>
      el('tr', { 'data-product': h.product }, el('td', {}, h.product), num(h.qty), num(h.markPrice), num(h.value))), 'no holdings', 4);
    fill(document.querySelector('#position-entitlements tbody'), r.json.entitlements.map(e =>
      el('tr', { 'data-product': e.product }, el('td', {}, e.product), num(e.remaining), el('td', {}, e.nextExpiry))),
      'no entitlements', 3);
    fill(document.querySelector('#position-compute tbody'), r.json.computeAllocations.map(c =>
      el('tr', {}, el('td', {}, c.product), el('td', {}, c.node + ' (' + c.provider + ')'), el('td', {}, c.hardware + ' ' + c.region),
        el('td', {}, c.start + ' – ' + c.end), num(c.nodeHours))), 'no compute allocations', 5);
    fill(document.querySelector('#position-usage tbody'), r.json.usage.map(u =>
      el('tr', {}, el('td', {}, u.time), el('td', {}, u.product), el('td', {}, u.usageId), num(u.units), num(u.remaining))),
      'no usage', 5);
  },

  async risk() {
    const r = await api('GET', '/api/risk');
    if (!r.ok) return;
    Views.riskRows = r.json.positions;
    Views.renderRiskRows();
    fill(document.querySelector('#risk-products tbody'), r.json.products.map(p =>
      el('tr', { class: 'clickable', 'data-product': p.product, onclick: () => { Views.selectedProduct = p.product; Views.riskChart(); } },
        el('td', {}, p.product), el('td', {}, badge(p.status)), num(p.lastPrice), num(p.vwap), num(p.volume), num(p.bestBid),
        num(p.bestAsk), num(p.bidQty + ' / ' + p.askQty), el('td', {}, p.topHolder),
        num(p.topHolderPercent ? p.topHolderPercent + '%' : ''))), 'no products', 10);
    if (!Views.selectedProduct && r.json.products.length) Views.selectedProduct = r.json.products[0].product;
    await Views.riskChart();
  },

  renderRiskRows() {
    const { key, asc } = Views.riskSort;
    const numeric = document.querySelector('#risk-table th[data-sort="' + key + '"]').hasAttribute('data-num');
    const rows = [...Views.riskRows].sort((a, b) => {
      const c = numeric ? Number(a[key]) - Number(b[key]) : String(a[key]).localeCompare(String(b[key]));
      return asc ? c : -c;
    });
    for (const th of document.querySelectorAll('#risk-table th[data-sort]')) {
      th.classList.toggle('sorted', th.dataset.sort === key);
      th.classList.toggle('asc', th.dataset.sort === key && asc);
    }
    fill(document.querySelector('#risk-table tbody'), rows.map(p => el('tr', { 'data-participant': p.participant },
      el('td', {}, p.participant), el('td', {}, badge(p.status)), num(p.cash), num(p.reserved), num(p.holdingsAtMark),
      num(p.pledgedCollateral), num(p.openExposure), num(p.markToMarket))), 'no participants', 8);
  },

  async riskChart() {
    if (!Views.selectedProduct) return;
    const r = await api('GET', '/api/market/' + encodeURIComponent(Views.selectedProduct));
    if (!r.ok) return;
    document.getElementById('risk-chart-title').textContent = 'Price: ' + Views.selectedProduct;
    drawChart('risk-chart', r.json.prints, Views.selectedProduct);
  },

  async regulator() {
    const [r, alerts] = await Promise.all([api('GET', '/api/regulator'), api('GET', '/api/regulator/alerts')]);
    if (alerts.ok) {
      Views.alerts = alerts.json.alerts;
      Views.alertsAvailable = alerts.json.available;
      const types = document.getElementById('alerts-type');
      const chosen = types.value;
      const names = [...new Set(Views.alerts.map(a => a.type))].sort();
      types.replaceChildren(el('option', { value: '' }, 'all'), ...names.map(n => el('option', { value: n }, n)));
      types.value = names.includes(chosen) ? chosen : '';
    }
    Views.renderAlerts();
    if (!r.ok) return;
    fill(document.querySelector('#regulator-actions tbody'), r.json.actions.map(a => el('tr', {},
      el('td', {}, a.time), el('td', {}, a.actor), el('td', {}, a.action), el('td', {}, a.target), el('td', {}, a.note),
      el('td', {}, badge(a.outcome === 'applied' ? 'applied' : 'refused')), el('td', {}, a.outcome === 'applied' ? '' : a.outcome + ': ' + a.text))),
      'none yet', 7);
    fill(document.querySelector('#regulator-review tbody'), r.json.reviewQueue.map(p => el('tr', {},
      el('td', {}, p.product), el('td', {}, p.kind), el('td', {}, p.grade), el('td', {}, badge(p.status)), el('td', {}, p.owner),
      el('td', {}, p.sponsor), el('td', {}, p.personalInfo ? 'yes' : 'no'), el('td', {}, p.crossBorder ? 'yes' : 'no'))),
      'nothing awaits review', 8);
    fill(document.querySelector('#regulator-participants tbody'), r.json.participants.map(p => el('tr', { 'data-participant': p.participant },
      el('td', {}, p.participant), el('td', {}, p.roles.join(', ')), el('td', {}, badge(p.status)),
      el('td', {}, p.status === 'admitted' && p.participant !== Console.session.participant ?
        el('button', { class: 'danger suspend', onclick: () => Views.suspend(p.participant, '') }, 'Suspend') :
        p.status === 'suspended' ?
        el('button', { class: 'secondary reinstate', onclick: () => Views.restore('reinstate', 'participant', p.participant) }, 'Reinstate') : ''))),
      'no participants', 4);
    fill(document.querySelector('#regulator-products tbody'), r.json.products.map(p => el('tr', { 'data-product': p.product },
      el('td', {}, p.product), el('td', {}, badge(p.status)),
      el('td', {}, p.status === 'listed' ? el('button', { class: 'danger halt', onclick: () => Views.halt(p.product, '') }, 'Halt') :
        p.status === 'suspended' ?
        el('button', { class: 'secondary resume', onclick: () => Views.restore('resume', 'product', p.product) }, 'Resume') : ''))),
      'no products', 3);
  },

  renderAlerts() {
    const type = document.getElementById('alerts-type').value;
    const who = document.getElementById('alerts-participant').value.trim();
    const rows = Views.alerts.filter(a => (!type || a.type === type) && (!who || a.participants.includes(who)))
      .map(a => el('tr', { 'data-alert': a.id },
        el('td', {}, a.id), el('td', {}, a.time), el('td', {}, a.type), el('td', {}, badge(a.severity)),
        el('td', {}, a.participants.join(', ')), el('td', {}, a.products.join(', ')), el('td', { class: 'wrap' }, a.text),
        el('td', { class: 'actions' }, el('div', {},
          el('button', { class: 'secondary evidence', onclick: () => Views.evidence(a) }, 'Evidence'),
          ...a.participants.map(p => el('button', { class: 'danger suspend-alert', onclick: () => Views.suspend(p, a.id) }, 'Suspend ' + p))))));
    fill(document.querySelector('#alerts-table tbody'), rows,
      Views.alertsAvailable === false ? 'no surveillance stage runs in this exchange' : 'no alerts', 8);
  },

  async evidence(alert) {
    const r = await api('GET', '/api/regulator/alerts/' + encodeURIComponent(alert.id));
    if (!r.ok) return;
    document.getElementById('evidence-card').hidden = false;
    document.getElementById('evidence-title').textContent = 'Evidence of ' + alert.id + ': ' + alert.text;
    document.getElementById('evidence-timeline').replaceChildren(...r.json.timeline.map(e =>
      el('li', { 'data-seq': e.seq }, e.time + ' seq ' + e.seq + ' — ' + e.event + ': ' + e.text)));
  },

  async suspend(participant, alertId) {
    if (!window.confirm('Suspend ' + participant + (alertId ? ' for alert ' + alertId : '') +
      '? Its open orders are cancelled and it cannot trade until admitted again.')) return;
    const body = { participant };
    if (alertId) body.alertId = alertId;
    const r = await api('POST', '/api/regulator/suspend', body);
    Views.actionResult(r, 'Suspension of ' + participant);
  },

  async halt(product, alertId) {
    if (!window.confirm('Halt ' + product + (alertId ? ' for alert ' + alertId : '') +
      '? Its resting orders are cancelled and it stops trading.')) return;
    const body = { product };
    if (alertId) body.alertId = alertId;
    const r = await api('POST', '/api/regulator/halt', body);
    Views.actionResult(r, 'Halt of ' + product);
  },

  // Reinstate a participant or resume a product (it reopens with a call auction): the matcher decides.
  async restore(action, field, target) {
    if (!window.confirm((action === 'resume' ? 'Resume ' + target + '? It reopens with a call auction.'
      : 'Reinstate ' + target + '? It may trade again.'))) return;
    const r = await api('POST', '/api/regulator/' + action, { [field]: target });
    Views.actionResult(r, (action === 'resume' ? 'Resumption of ' : 'Reinstatement of ') + target);
  },

  actionResult(r, what) {
    const result = document.getElementById('regulator-result');
    result.className = 'result ' + (r.ok ? 'good' : 'bad');
    result.textContent = r.ok ? what + ' sent to the exchange.' : what + ' not sent: ' + (r.json ? r.json.error : r.status);
  },
};
