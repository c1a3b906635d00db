// The page of `wenlint serve`. It sends the document to the wenlint that served it (the same
// origin, on this machine) and shows the JSON report of `wenlint check` over the text.
'use strict';

const $ = (id) => document.getElementById(id);
const LEVEL = { error: '错误', warning: '警告', info: '提示' };
const RANK = { error: 0, warning: 1, info: 2 };
const WORD = /\.(docx|doc|wps)$/i;
const PASTED = '粘贴的文本.txt';

const state = {
  name: '',
  blob: null,
  word: false,
  text: '',
  diagnostics: [],
  fixes: 0,
  current: -1,
};

// ---- talking to the server ----

function form(blob = state.blob, name = state.name) {
  const data = new FormData();
  data.append('file', blob, name);
  const config = $('config').value;
  if (config.trim()) data.append('config', config);
  return data;
}

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', body });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const json = await response.json();
      if (json.error) message = json.error.message;
    } catch (_) { /* not JSON: keep the status line */ }
    throw new Error(message);
  }
  return response;
}

function say(message, failed = false) {
  const status = $('status');
  status.textContent = message;
  status.classList.toggle('failed', failed);
  status.setAttribute('role', failed ? 'alert' : 'status');
}

async function load(blob, name) {
  state.blob = blob;
  state.name = name;
  state.word = WORD.test(name);
  state.fixes = 0;
  await check();
}

async function check() {
  say(`正在检查 ${state.name}……`);
  document.body.setAttribute('aria-busy', 'true');
  try {
    const response = await post('/api/check?text=1', form());
    const report = await response.json();
    state.text = report.text;
    state.diagnostics = report.diagnostics;
    state.current = -1;
    render(report.summary);
    say(`已检查 ${state.name}：${summaryText(report.summary)}`);
    loadPanels();
  } catch (e) {
    say(`检查失败：${e.message}`, true);
  } finally {
    document.body.removeAttribute('aria-busy');
    // How many checks have finished: programs that drive the page wait on it.
    document.body.dataset.checks = String(Number(document.body.dataset.checks || 0) + 1);
  }
}

function summaryText(summary) {
  const total = summary.errors + summary.warnings + summary.infos;
  if (total === 0) return '没有发现问题';
  return `共 ${total} 处问题：错误 ${summary.errors}，警告 ${summary.warnings}，提示 ${summary.infos}`;
}

// ---- byte offsets of the report to positions in the page's string ----

/// Maps each byte offset of `bytes` (UTF-8 offsets, sorted) to its UTF-16 index in `text`.
function utf16Indices(text, bytes) {
  const found = new Map();
  let byte = 0;
  let k = 0;
  let i = 0;
  while (i < text.length) {
    while (k < bytes.length && bytes[k] <= byte) found.set(bytes[k++], i);
    const cp = text.codePointAt(i);
    byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  while (k < bytes.length) found.set(bytes[k++], text.length);
  return found;
}

// ---- the document with its findings ----

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function render(summary) {
  $('results').hidden = false;
  // Once a document is shown, the input takes one row, leaving the screen to the text.
  $('input').classList.add('compact');
  $('doc-title').textContent = state.name;
  $('summary').textContent = summaryText(summary);
  $('fix-all').disabled = state.word || !state.diagnostics.some(safeFix);
  $('download-text').disabled = state.word;
  $('download-text').textContent = state.fixes > 0 ? '下载修正后的文本' : '下载文本';
  $('download-docx').disabled = !state.word;
  renderDocument();
  renderFindings();
}

function safeFix(d) {
  return d.fix && d.fix.applicability === 'safe';
}

/// The findings as UTF-16 ranges of the text, in the report's order.
function ranges() {
  const bytes = new Set();
  for (const d of state.diagnostics) {
    bytes.add(d.span.byte_start);
    bytes.add(d.span.byte_end);
  }
  const at = utf16Indices(state.text, [...bytes].sort((a, b) => a - b));
  return state.diagnostics.map((d, i) => ({
    i, d, start: at.get(d.span.byte_start), end: at.get(d.span.byte_end),
  }));
}

function renderDocument() {
  const text = state.text;
  const starts = new Map();
  const ends = new Map();
  const add = (map, key, value) => (map.get(key) || map.set(key, []).get(key)).push(value);
  for (const r of ranges()) {
    add(starts, r.start, r);
    add(ends, r.end, r);
  }
  const events = [...new Set([...starts.keys(), ...ends.keys()])].sort((a, b) => a - b);
  const active = new Set();
  const anchored = new Set();
  const fragment = document.createDocumentFragment();
  let k = 0;
  let lineStart = 0;
  for (let number = 1; lineStart <= text.length; number++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const body = el('span', { class: 'text' });
    fragment.append(el('div', { class: 'line', id: `line-${number}` },
      el('span', { class: 'no', 'aria-hidden': 'true', text: String(number) }), body));
    let pos = lineStart;
    for (;;) {
      while (k < events.length && events[k] === pos) {
        for (const r of ends.get(pos) || []) {
          active.delete(r);
          // A range that covered no shown character (a line break) still gets its place.
          if (!anchored.has(r)) body.append(anchor(r, anchored), point([r]));
        }
        for (const r of starts.get(pos) || []) {
          if (r.start === r.end) body.append(anchor(r, anchored), point([r]));
          else active.add(r);
        }
        k++;
      }
      if (pos >= lineEnd) break;
      const next = k < events.length && events[k] < lineEnd ? events[k] : lineEnd;
      segment(body, text.slice(pos, next).replace(/\r$/, ''), active, anchored);
      pos = next;
    }
    if (newline < 0) break;
    lineStart = newline + 1;
    // Events inside the line break itself belong to the next line's start.
    while (k < events.length && events[k] < lineStart) {
      for (const r of ends.get(events[k]) || []) active.delete(r);
      for (const r of starts.get(events[k]) || []) if (r.start !== r.end) active.add(r);
      k++;
    }
  }
  const view = $('document');
  view.replaceChildren(fragment);
}

function anchor(r, anchored) {
  anchored.add(r);
  return el('span', {
    class: 'anchor',
    id: `f-${r.i}`,
    tabindex: '-1',
    'data-rule': r.d.rule,
    'data-severity': r.d.severity,
    'data-line': String(r.d.span.start.line),
    'data-column': String(r.d.span.start.column),
  });
}

function point(rs) {
  return el('mark', {
    class: `f point ${worst(rs)}`,
    'data-ids': rs.map((r) => r.i).join(' '),
    title: rs.map((r) => r.d.message).join('\n'),
  });
}

function worst(rs) {
  return rs.map((r) => r.d.severity).sort((a, b) => RANK[a] - RANK[b])[0];
}

function segment(body, piece, active, anchored) {
  if (piece === '') return;
  if (active.size === 0) {
    body.append(piece);
    return;
  }
  const rs = [...active];
  for (const r of rs) if (!anchored.has(r)) body.append(anchor(r, anchored));
  body.append(el('mark', {
    class: `f ${worst(rs)}`,
    'data-ids': rs.map((r) => r.i).join(' '),
    title: rs.map((r) => `${r.d.message}（${r.d.rule}）`).join('\n'),
  }, piece));
}

// ---- the list of findings, by rule ----

function renderFindings() {
  const panel = $('panel-findings');
  if (state.diagnostics.length === 0) {
    panel.replaceChildren(el('p', { class: 'none', text: '没有发现问题。' }));
    return;
  }
  const groups = new Map();
  state.diagnostics.forEach((d, i) => {
    if (!groups.has(d.rule)) groups.set(d.rule, []);
    groups.get(d.rule).push(i);
  });
  const ordered = [...groups.entries()].sort(([ra, a], [rb, b]) =>
    RANK[state.diagnostics[a[0]].severity] - RANK[state.diagnostics[b[0]].severity]
    || b.length - a.length || ra.localeCompare(rb));
  const fragment = document.createDocumentFragment();
  for (const [rule, indices] of ordered) fragment.append(group(rule, indices));
  panel.replaceChildren(fragment);
}

function group(rule, indices) {
  const severity = state.diagnostics[indices[0]].severity;
  const list = el('ol', { id: `group-${rule}` });
  for (const i of indices) list.append(item(i));
  const toggle = el('button', { type: 'button', 'aria-expanded': 'true', 'aria-controls': list.id },
    el('span', { class: `badge ${severity}`, text: LEVEL[severity] }),
    el('span', { class: 'rule', text: rule }),
    el('span', { class: 'count', text: `${indices.length} 处` }));
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') === 'true';
    toggle.setAttribute('aria-expanded', String(!open));
    list.hidden = open;
  });
  return el('section', { class: 'group', 'data-rule': rule }, el('h3', {}, toggle), list);
}

function item(i) {
  const d = state.diagnostics[i];
  const go = el('button', { type: 'button', class: 'goto', id: `goto-${i}`, 'data-i': String(i) },
    el('span', { class: 'at', text: `${d.span.start.line}:${d.span.start.column}` }), d.message);
  go.addEventListener('click', () => goTo(i, false));
  const row = el('li', {}, go);
  if (safeFix(d) && !state.word) {
    const label = d.fix.replacement === '' ? '删去' : `改为“${d.fix.replacement}”`;
    const fix = el('button', { type: 'button', class: 'button fix', 'data-i': String(i), text: label,
      'aria-label': `修正第 ${d.span.start.line} 行：${label}` });
    fix.addEventListener('click', () => applyFix(i));
    row.append(fix);
  }
  return row;
}

function goTo(i, focusItem) {
  const target = $(`f-${i}`);
  if (!target) return;
  state.current = i;
  target.scrollIntoView({ block: 'center' });
  for (const old of document.querySelectorAll('mark.flash')) old.classList.remove('flash');
  for (const mark of document.querySelectorAll(`mark[data-ids~="${i}"]`)) mark.classList.add('flash');
  const entry = $(`goto-${i}`);
  if (entry) {
    const list = entry.closest('ol');
    if (list.hidden) list.previousElementSibling.querySelector('button').click();
    entry.scrollIntoView({ block: 'nearest' });
    if (focusItem) entry.focus({ preventScroll: true });
  }
}

// ---- fixes and downloads ----

async function applyFix(i) {
  const d = state.diagnostics[i];
  const at = utf16Indices(state.text, [d.span.byte_start, d.span.byte_end].sort((a, b) => a - b));
  const text = state.text.slice(0, at.get(d.span.byte_start)) + d.fix.replacement
    + state.text.slice(at.get(d.span.byte_end));
  state.blob = new Blob([text], { type: 'text/plain' });
  state.fixes += 1;
  await check();
}

async function fixAll() {
  say('正在修正……');
  try {
    const response = await post('/api/fix', form());
    const fixed = await response.json();
    if (fixed.fixes === 0) {
      say('没有可以安全修正的问题。');
      return;
    }
    state.blob = new Blob([fixed.text], { type: 'text/plain' });
    state.fixes += fixed.fixes;
    await check();
    say(`已修正 ${fixed.fixes} 处。${$('status').textContent}`);
  } catch (e) {
    say(`修正失败：${e.message}`, true);
  }
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function downloadText() {
  const dot = state.name.lastIndexOf('.');
  const stem = dot > 0 ? state.name.slice(0, dot) : state.name;
  const ext = dot > 0 ? state.name.slice(dot) : '.txt';
  const name = state.fixes > 0 ? `${stem}.修正${ext}` : state.name;
  save(new Blob([state.text], { type: 'text/plain;charset=utf-8' }), name);
}

async function downloadDocx() {
  say('正在生成带批注的副本……');
  try {
    const response = await post('/api/annotate', form());
    const comments = response.headers.get('x-wenlint-comments');
    const dot = state.name.lastIndexOf('.');
    save(await response.blob(), `${dot > 0 ? state.name.slice(0, dot) : state.name}.wenlint.docx`);
    say(`已生成带批注的副本：${comments} 条批注。`);
  } catch (e) {
    say(`无法生成副本：${e.message}`, true);
  }
}

// ---- outline and stats ----

async function loadPanels() {
  const [outline, stats] = await Promise.allSettled([
    post('/api/outline', form()).then((r) => r.json()),
    post('/api/stats', form()).then((r) => r.json()),
  ]);
  const failed = (result) => el('p', { class: 'none', text: `无法取得：${result.reason.message}` });
  $('panel-outline').replaceChildren(outline.status === 'fulfilled' ? outlineTree(outline.value) : failed(outline));
  $('panel-stats').replaceChildren(stats.status === 'fulfilled' ? statsList(stats.value) : failed(stats));
}

function outlineTree(outline) {
  if (outline.outline.length === 0) return el('p', { class: 'none', text: '文中没有层次标题。' });
  const list = (nodes) => el('ul', {}, ...nodes.map((node) => {
    const go = el('button', { type: 'button', text: `${node.marker}${node.title}` });
    go.addEventListener('click', () => $(`line-${node.line}`).scrollIntoView({ block: 'center' }));
    const entry = el('li', {}, go);
    for (const p of node.problems) entry.append(el('span', { class: 'problem', text: p.message }));
    if (node.children.length) entry.append(list(node.children));
    return entry;
  }));
  return el('div', { class: 'outline' }, list(outline.outline));
}

function statsList(stats) {
  const minutes = Math.floor(stats.speaking_seconds / 60);
  const seconds = String(stats.speaking_seconds % 60).padStart(2, '0');
  const identity = stats.identity.level
    ? `“${stats.identity.level}”级${stats.identity.region ? `（${stats.identity.region}）` : ''}：${stats.identity.evidence}`
    : '文中没有地方层级的自称';
  const rows = [
    ['汉字', stats.hanzi], ['字数', `${stats.zishu}（按 Word 的算法）`], ['段落', stats.paragraphs],
    ['句子', stats.sentences], ['讲话时长', `约 ${minutes} 分 ${seconds} 秒（${stats.pace} 字/分钟）`],
    ['身份', identity],
  ];
  const box = el('div', { class: 'stats' },
    el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) })])));
  if (stats.longest_sentences.length) {
    box.append(el('h3', { text: '最长的句子' }), el('ol', {}, ...stats.longest_sentences.map((s) =>
      el('li', { text: `${s.line}:${s.column}　${s.hanzi} 字　${s.opening}…` }))));
  }
  return box;
}

// ---- input and keys ----

function tabs() {
  const all = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab) => {
    for (const t of all) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    tab.focus();
  };
  all.forEach((tab, n) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (e) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (step) select(all[(n + step + all.length) % all.length]);
    });
  });
}

function step(by) {
  const count = state.diagnostics.length;
  if (count === 0) return;
  const next = state.current < 0 ? (by > 0 ? 0 : count - 1) : (state.current + by + count) % count;
  goTo(next, true);
}

function setUp() {
  const drop = $('drop');
  $('file').addEventListener('change', (e) => {
    const file = e.target.files[0];
    if (file) load(file, file.name);
    e.target.value = '';
  });
  // A file dropped anywhere on the page is checked, never opened by the browser.
  window.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  window.addEventListener('dragleave', (e) => { if (!e.relatedTarget) drop.classList.remove('over'); });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const file = e.dataTransfer.files[0];
    if (file) load(file, file.name);
  });
  $('check-paste').addEventListener('click', () => {
    const text = $('paste').value;
    if (!text.trim()) {
      say('请先粘贴文字。', true);
      return;
    }
    load(new Blob([text], { type: 'text/plain' }), PASTED);
  });
  $('fix-all').addEventListener('click', fixAll);
  $('download-text').addEventListener('click', downloadText);
  $('download-docx').addEventListener('click', downloadDocx);
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('textarea, input') || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'n') step(1);
    if (e.key === 'p') step(-1);
  });
  tabs();
}

setUp();
