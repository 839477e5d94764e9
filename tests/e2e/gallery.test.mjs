// The first vertical slice, end to end: the release bundle loads its wasm in Chromium, the gallery lists
// every program of the lesson, and a click shows the program's source exactly as the file has it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launchChromium, openPage, screenshot } from './harness.mjs';

// The programs as files: the test's own source of truth, independent of the Rust table.
const programsDir = resolve(fileURLToPath(import.meta.url), '../../../crate/scenarios/programs');
const programs = [];
for (const file of (await readdir(programsDir)).filter((f) => f.endsWith('.py')).sort()) {
  programs.push({ id: file.slice(0, -3), file, source: await readFile(join(programsDir, file), 'utf8') });
}

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const programButtons = 'nav button[data-program]';

test('the page loads its wasm and lists every program of the lesson', { timeout: 60_000 }, async () => {
  assert.ok(programs.length >= 10, `expected the lesson's programs, found ${programs.length}`);
  const { page, problems, close } = await openPage(browser, server.url, { locale: 'en-US' });
  await page.locator(programButtons).first().waitFor({ timeout: 30_000 });
  const ids = await page.locator(programButtons).evaluateAll((els) => els.map((e) => e.dataset.program));
  // The lesson's programs are the gallery's first entries (later entries may be other scenarios).
  assert.deepEqual(ids.slice(0, programs.length).sort(), programs.map((p) => p.id));
  assert.equal(await page.locator('h1 .name').textContent(), 'ioplay');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('pre code').textContent(), '');
  assert.deepEqual(problems, []);
  await close();
});

test('clicking each program shows its source verbatim', { timeout: 60_000 }, async () => {
  const { page, problems, close } = await openPage(browser, server.url, { locale: 'en-US' });
  await page.locator(programButtons).first().waitFor({ timeout: 30_000 });
  for (const program of programs) {
    const button = page.locator(`button[data-program="${program.id}"]`);
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'true', program.id);
    assert.equal(await page.locator('pre code').textContent(), program.source, program.id);
    assert.match(await page.locator('.source h2').textContent(), new RegExp(program.file.replace('.', '\\.')));
  }
  await page.locator('button[data-program="01_yield_producer_consumer"]').click();
  await screenshot(page, 'gallery-en');
  assert.deepEqual(problems, []);
  await close();
});

test('the gallery works from the keyboard', { timeout: 60_000 }, async () => {
  const { page, problems, close } = await openPage(browser, server.url, { locale: 'en-US' });
  await page.locator(programButtons).first().waitFor({ timeout: 30_000 });
  const ids = await page.locator(programButtons).evaluateAll((els) => els.map((e) => e.dataset.program));
  const sourceOf = (id) => programs.find((p) => p.id === id).source;
  // Tab order: the language switch first, then the programs in gallery order.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'switch-language');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.program), ids[1]);
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('pre code').textContent(), sourceOf(ids[1]));
  await page.keyboard.press('Tab');
  await page.keyboard.press(' ');
  assert.equal(await page.locator('pre code').textContent(), sourceOf(ids[2]));
  assert.deepEqual(problems, []);
  await close();
});

test('a Chinese browser gets the Chinese page, and the switch goes to English and back', { timeout: 60_000 }, async () => {
  const { page, problems, close } = await openPage(browser, server.url, { locale: 'zh-CN' });
  await page.locator(programButtons).first().waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await page.locator('#gallery-heading').textContent(), '课程中的程序');
  await page.locator('button[data-program="02_greenlet_switch"]').click();
  await screenshot(page, 'gallery-zh');
  const switchButton = page.locator('button[data-action="switch-language"]');
  assert.equal(await switchButton.textContent(), 'English');
  await switchButton.click();
  assert.equal(await page.locator('#gallery-heading').textContent(), "The lesson's programs");
  assert.equal(await page.locator('button[aria-pressed="true"]').getAttribute('data-program'), '02_greenlet_switch');
  await switchButton.click();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.deepEqual(problems, []);
  await close();
});

test('?lang=en overrides a Chinese browser', { timeout: 60_000 }, async () => {
  const { page, problems, close } = await openPage(browser, `${server.url}?lang=en`, { locale: 'zh-CN' });
  await page.locator(programButtons).first().waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(problems, []);
  await close();
});
