// The playground's frame (issue 11): its header leads to the other pages,
// and the consoles' placeholders are readable to the last underscore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, screenshot } from '../lib/harness.mjs';

const site = useSite();

test('the header links to the notebooks, the exercises and packetdrill, and each opens', async () => {
  const page = await openPage(site.browser.context, site.server.url);
  const nav = page.getByRole('navigation', { name: "sockplay's pages" });
  for (const [name, title] of [['Notebooks', /notebook/i], ['Exercises', /exercise/i], ['packetdrill', /packetdrill/i]]) {
    const link = nav.getByRole('link', { name });
    assert.ok(await link.isVisible(), `${name} is in the header`);
    const href = await link.getAttribute('href');
    const res = await page.request.get(new URL(href, site.server.url).href);
    assert.equal(res.status(), 200, href);
    assert.match(await res.text(), new RegExp(`<title>[^<]*${title.source}`, 'i'), `${href} is that page`);
  }
  page.assertClean();
  await page.close();
});

// An underscore that is drawn changes the picture: the placeholder must
// look different from the same text with a space in its place.
for (const [width, height] of [[1280, 720], [390, 844]]) {
  test(`the console's placeholder shows AF_INET's underscore at ${width}x${height}`, async () => {
    const page = await openPage(site.browser.context, site.server.url);
    await page.setViewportSize({ width, height });
    const input = page.locator('#server-input');
    assert.match(await input.getAttribute('placeholder'), /AF_INET/);
    await input.scrollIntoViewIfNeeded();
    const shot = async (text) => {
      await input.evaluate((el, t) => el.setAttribute('placeholder', t), text);
      return input.screenshot();
    };
    const withUnderscore = await shot('AF_INET');
    const withSpace = await shot('AF INET');
    assert.notDeepEqual(withUnderscore, withSpace, 'the underscore is visible');
    await screenshot(page, `placeholder-${width}`);
    page.assertClean();
    await page.close();
  });
}
