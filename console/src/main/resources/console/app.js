// DataBourse console: session, API calls (with the CSRF token), the live channel, routing.
// Plain script, no build step. Every view is checked again by the server: the page only asks.
'use strict';

const Console = {
  session: null,        // {participant, role, csrf, views}
  socket: null,
  current: null,        // the view shown
  reconnectMs: 500,
};

async function api(method, path, body) {
  const options = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  if (method !== 'GET' && Console.session) {
    options.headers['X-CSRF-Token'] = Console.session.csrf;
  }
  const response = await fetch(path, options);
  let json = null;
  try { json = await response.json(); } catch (e) { json = null; }
  if (response.status === 401 && path !== '/api/login') {
    loggedOut();
  }
  return { status: response.status, ok: response.ok, json };
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else if (k === 'onclick') node.addEventListener('click', v);
    else node[k] = v;
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child == null ? '' : String(child)));
  }
  return node;
}

function fill(tbody, rows, emptyText, columns) {
  tbody.replaceChildren();
  if (rows.length === 0) {
    tbody.append(el('tr', {}, el('td', { class: 'empty', colSpan: columns || 1 }, emptyText)));
    return;
  }
  for (const row of rows) tbody.append(row);
}

function showView(name) {
  const allowed = viewsAllowed();
  if (!allowed.includes(name)) name = 'catalogue';
  Console.current = name;
  for (const section of document.querySelectorAll('section.view')) {
    section.hidden = section.id !== 'view-' + name;
  }
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('active', link.id === 'nav-' + name);
  }
  refresh([name]);
}

function viewsAllowed() {
  const views = ['catalogue', 'orders', 'trades', 'positions'];
  if (Console.session && Console.session.views.includes('risk')) views.push('risk');
  if (Console.session && Console.session.views.includes('regulator')) views.push('regulator');
  return views;
}

// topic (from the live channel) -> views that show it
const TOPIC_VIEWS = {
  market: ['catalogue', 'risk', 'orders'],
  orders: ['orders'],
  trades: ['trades', 'orders'],
  positions: ['positions'],
  risk: ['risk'],
  reference: ['catalogue', 'regulator', 'orders'],
  alerts: ['regulator'],
  actions: ['regulator'],
};

function refresh(views) {
  if (!Console.session || !views.includes(Console.current)) return;
  const render = Views[Console.current];
  if (render) render().catch(e => console.error(e));
}

function connectLive() {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const socket = new WebSocket(scheme + location.host + '/ws');
  Console.socket = socket;
  const status = document.getElementById('live-status');
  socket.onopen = () => { status.textContent = 'live'; status.classList.add('on'); Console.reconnectMs = 500; };
  socket.onmessage = event => {
    const message = JSON.parse(event.data);
    status.dataset.seq = message.seq;
    if (message.type === 'hello') { refresh([Console.current]); return; }
    const views = new Set();
    for (const topic of message.topics) for (const v of (TOPIC_VIEWS[topic] || [])) views.add(v);
    refresh([...views]);
  };
  socket.onclose = () => {
    status.textContent = 'offline'; status.classList.remove('on');
    if (Console.socket === socket && Console.session) {
      setTimeout(() => { if (Console.session) connectLive(); }, Console.reconnectMs);
      Console.reconnectMs = Math.min(Console.reconnectMs * 2, 10000);
    }
  };
}

function loggedIn(session) {
  Console.session = session;
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = false;
  document.getElementById('nav-risk').hidden = !session.views.includes('risk');
  document.getElementById('nav-regulator').hidden = !session.views.includes('regulator');
  document.getElementById('who').textContent = session.participant + ' (' + session.role.replace('_', ' ') + ')';
  connectLive();
  showView((location.hash || '#catalogue').substring(1));
}

function loggedOut() {
  Console.session = null;
  if (Console.socket) { const s = Console.socket; Console.socket = null; s.close(); }
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  for (const section of document.querySelectorAll('section.view')) section.hidden = section.id !== 'view-login';
}

async function start() {
  document.getElementById('login-form').addEventListener('submit', async event => {
    event.preventDefault();
    const participant = document.getElementById('login-participant').value.trim();
    const password = document.getElementById('login-password').value;
    const r = await api('POST', '/api/login', { participant, password });
    const error = document.getElementById('login-error');
    if (!r.ok) { error.textContent = r.json ? r.json.error : 'login failed (' + r.status + ')'; return; }
    error.textContent = '';
    document.getElementById('login-password').value = '';
    loggedIn(r.json);
  });
  document.getElementById('logout').addEventListener('click', async () => {
    await api('POST', '/api/logout');
    loggedOut();
  });
  window.addEventListener('hashchange', () => { if (Console.session) showView(location.hash.substring(1)); });
  Views.install();
  const r = await api('GET', '/api/session');
  if (r.ok) loggedIn(r.json); else loggedOut();
}

document.addEventListener('DOMContentLoaded', start);
