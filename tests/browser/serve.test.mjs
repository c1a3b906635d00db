// The page of `wenlint serve` in a real browser (Debian's Chromium, driven by playwright-core):
// drafts dropped on it show exactly the findings of `wenlint check --format json`, each
// highlighted over exactly its characters; a fix applied from the page gives the text and the
// findings the CLI gives; a Word file's commented copy downloads; the page asks nothing of any
// host but the server; it fits 1366×768 and a phone, and works from the keyboard.
//
//   WENLINT=target/release/wenlint node tests/browser/serve.test.mjs [--screenshot FILE]
//
// The seed draft of ../shared/corpus is used when it exists (required when CI is set).
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdtempSync, copyFileSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const wenlint = resolve(root, process.env.WENLINT || 'target/release/wenlint');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shotAt = process.argv.indexOf('--screenshot');
const screenshot = shotAt > 0 ? resolve(process.argv[shotAt + 1]) : join(root, 'target/serve-page.png');

const work = mkdtempSync(join(tmpdir(), 'wenlint-page-'));
let server;
let browser;
let passed = 0;

function cli(args, input) {
  try {
    return execFileSync(wenlint, args, { cwd: work, input, encoding: 'utf8' });
  } catch (e) {
    if (e.status === 1) return e.stdout; // findings
    throw e;
  }
}

function cliFindings(name) {
  return JSON.parse(cli(['check', '--format', 'json', name])).diagnostics;
}

async function startServer() {
  server = spawn(wenlint, ['serve', '--port', '0'], { cwd: work, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: server.stdout });
  const first = await new Promise((ok, fail) => {
    lines.once('line', ok);
    server.once('exit', (code) => fail(new Error(`wenlint serve exited with ${code}`)));
  });
  assert.match(first, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  return first;
}

async function test(name, body) {
  await body();
  passed += 1;
  console.log(`ok - ${name}`);
}

/// What the page shows of each finding: its anchor's data, and the text of its highlights.
async function shown(page) {
  return page.$$eval('.anchor', (anchors) => anchors.map((a) => {
    const i = a.id.slice(2);
    const marks = [...document.querySelectorAll(`mark[data-ids~="${i}"]`)];
    return {
      i: Number(i),
      rule: a.dataset.rule,
      severity: a.dataset.severity,
      line: Number(a.dataset.line),
      column: Number(a.dataset.column),
      marks: marks.length,
      text: marks.map((m) => m.textContent).join(''),
    };
  }).sort((x, y) => x.i - y.i));
}

/// The same, from the CLI's report and the file's text.
function expected(findings, text) {
  const bytes = Buffer.from(text.replace(/^\uFEFF/, ''), 'utf8');
  return findings.map((d, i) => ({
    i,
    rule: d.rule,
    severity: d.severity,
    line: d.span.start.line,
    column: d.span.start.column,
    marks: 1,
    text: bytes.subarray(d.span.byte_start, d.span.byte_end).toString('utf8').replace(/[\r\n]/g, ''),
  }));
}

/// Compares what the page shows with the CLI's findings: the same findings in the same
/// order, each highlighted (a finding that spans lines has one highlight per line).
function assertSame(onPage, wanted, what) {
  assert.equal(onPage.length, wanted.length, `${what}: number of findings`);
  onPage.forEach((got, n) => {
    const want = wanted[n];
    assert.ok(got.marks >= 1, `${what}: finding ${n} (${want.rule}) has no highlight`);
    assert.deepEqual({ ...got, marks: 1 }, want, `${what}: finding ${n}`);
  });
}

/// Drops `file` on the page (through its file chooser) and waits for the check to finish.
async function drop(page, file) {
  const checks = () => page.evaluate(() => Number(document.body.dataset.checks || 0));
  const before = await checks();
  await page.setInputFiles('#file', file);
  await page.waitForFunction((n) => Number(document.body.dataset.checks || 0) > n, before);
  return page.textContent('#status');
}

async function main() {
  const corpusSeed = join(root, '../shared/corpus/seed');
  const seeds = existsSync(corpusSeed) ? readdirSync(corpusSeed).filter((f) => f.endsWith('.txt')) : [];
  if (seeds.length === 0) {
    if (process.env.CI) throw new Error(`CI is set but the seed draft is missing under ${corpusSeed}`);
    console.log(`# skipped the seed: ${corpusSeed} does not exist; using fixtures/speech-draft.txt only`);
  }
  const drafts = seeds.map((f) => join(corpusSeed, f)).concat(join(root, 'fixtures/speech-draft.txt'));
  for (const draft of drafts) copyFileSync(draft, join(work, basename(draft)));
  copyFileSync(join(root, 'fixtures/docx/draft.docx'), join(work, 'draft.docx'));

  const url = await startServer();
  const origin = new URL(url).origin;
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  // The refused .pdf below is logged by the browser as a failed load: that one is expected.
  const refused = /Failed to load resource: the server responded with a status of 415/;
  page.on('console', (message) => {
    if (message.type() === 'error' && !refused.test(message.text())) problems.push(message.text());
  });
  const response = await page.goto(url);
  assert.match(response.headers()['content-security-policy'], /default-src 'none'/);

  for (const draft of drafts) {
    const name = basename(draft);
    await test(`${name}: the page shows exactly the CLI's findings, each over its characters`, async () => {
      const status = await drop(page, join(work, name));
      assert.match(status, /^已检查/);
      const wanted = expected(cliFindings(name), readFileSync(join(work, name), 'utf8'));
      assertSame(await shown(page), wanted, name);
      const counted = await page.$$eval('.group', (groups) => groups.map((g) => ({
        rule: g.dataset.rule, items: g.querySelectorAll('li').length,
        said: Number(g.querySelector('.count').textContent.match(/\d+/)[0]),
      })));
      for (const group of counted) {
        assert.equal(group.items, group.said, `${name}: the count of ${group.rule}`);
        assert.equal(group.items, wanted.filter((w) => w.rule === group.rule).length, group.rule);
      }
    });
  }

  const draft = basename(drafts[0]);
  await drop(page, join(work, draft));
  await page.screenshot({ path: screenshot });

  await test('clicking a finding in the list scrolls to its highlight', async () => {
    const last = await page.$$eval('.goto', (all) => all.length - 1);
    await page.click(`#goto-${last}`);
    const visible = await page.$eval(`#f-${last}`, (a) => {
      const box = a.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    assert.ok(visible, 'the highlight is in view');
    assert.ok(await page.$(`mark.flash[data-ids~="${last}"]`), 'the highlight is marked');
  });

  await test('one click applies a safe fix: the text and the findings are the CLI\'s', async () => {
    const i = Number(await page.getAttribute('.fix', 'data-i'));
    const findings = cliFindings(draft);
    const d = findings[i];
    assert.equal(d.fix.applicability, 'safe');
    const bytes = Buffer.from(readFileSync(join(work, draft), 'utf8').replace(/^\uFEFF/, ''), 'utf8');
    const fixed = Buffer.concat([bytes.subarray(0, d.span.byte_start), Buffer.from(d.fix.replacement),
      bytes.subarray(d.span.byte_end)]).toString('utf8');
    const before = await page.evaluate(() => Number(document.body.dataset.checks));
    await page.click(`.fix[data-i="${i}"]`);
    await page.waitForFunction((n) => Number(document.body.dataset.checks) > n, before);
    writeFileSync(join(work, `fixed-${draft}`), fixed);
    const wanted = expected(cliFindings(`fixed-${draft}`), fixed);
    assertSame(await shown(page), wanted, 'after the fix');
    const download = page.waitForEvent('download');
    await page.click('#download-text');
    const saved = join(work, 'downloaded.txt');
    await (await download).saveAs(saved);
    assert.equal(readFileSync(saved, 'utf8'), fixed, 'the downloaded text is the fixed text');
  });

  await test('the keys n and p move from finding to finding', async () => {
    await page.click('#doc-title');
    await page.keyboard.press('n');
    const first = await page.evaluate(() => document.activeElement.id);
    await page.keyboard.press('n');
    const second = await page.evaluate(() => document.activeElement.id);
    await page.keyboard.press('p');
    const back = await page.evaluate(() => document.activeElement.id);
    assert.match(first, /^goto-\d+$/);
    assert.notEqual(second, first);
    assert.equal(back, first);
  });

  await test('the outline and stats panels are filled', async () => {
    await page.click('#tab-stats');
    assert.match(await page.textContent('#panel-stats'), /汉字/);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.getAttribute('#tab-outline', 'aria-selected'), 'true');
    assert.ok(await page.isVisible('#panel-outline'));
    await page.click('#tab-findings');
  });

  await test('a .docx shows the CLI\'s findings and its commented copy downloads', async () => {
    await drop(page, join(work, 'draft.docx'));
    const findings = cliFindings('draft.docx');
    const onPage = await shown(page);
    assert.equal(onPage.length, findings.length);
    onPage.forEach((got, n) => assert.deepEqual(
      [got.rule, got.line, got.column], [findings[n].rule, findings[n].span.start.line, findings[n].span.start.column]));
    assert.ok(await page.isDisabled('#fix-all'), 'Word files are not fixed on the page');
    const download = page.waitForEvent('download');
    await page.click('#download-docx');
    const copy = await download;
    assert.equal(copy.suggestedFilename(), 'draft.wenlint.docx');
    const saved = join(work, 'copy.docx');
    await copy.saveAs(saved);
    const bytes = readFileSync(saved);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    assert.ok(bytes.includes(Buffer.from('word/comments.xml')), 'the copy has a comments part');
    assert.deepEqual(cliFindings('copy.docx').map((d) => d.rule), findings.map((d) => d.rule),
      'the copy reads as the original');
  });

  await test('a kind of file wenlint does not read gets a clear message', async () => {
    writeFileSync(join(work, '报表.pdf'), '%PDF-1.4');
    const status = await drop(page, join(work, '报表.pdf'));
    assert.match(status, /不能检查 \.pdf 文件/);
    assert.equal(await page.getAttribute('#status', 'role'), 'alert');
  });

  await test('pasted text is checked', async () => {
    await page.click('#paste-box summary');
    await page.fill('#paste', '定于X月X日召开会议。\n');
    await page.click('#check-paste');
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('已检查 粘贴'));
    assert.equal(await page.getAttribute('.anchor', 'data-rule'), 'placeholder/marker');
  });

  await test('the page fits 1366×768 and a phone without sideways scrolling', async () => {
    for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      await drop(page, join(work, draft));
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= viewport.width, `${viewport.width}px wide: the page is ${wide}px`);
    }
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-phone.png') });
  });

  await test('nothing is asked of any host but the server', async () => {
    const elsewhere = requested.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(elsewhere, []);
    assert.ok(requested.some((u) => u.startsWith(`${origin}/api/check`)));
  });

  await test('no script error on the page', async () => {
    assert.deepEqual(problems, []);
  });
  console.log(`# ${passed} passed; screenshot ${screenshot}`);
}

try {
  await main();
} finally {
  if (browser) await browser.close();
  if (server) server.kill();
  rmSync(work, { recursive: true, force: true });
}
