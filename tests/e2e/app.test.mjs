// The app a user lands on: ticks, verdict cards, links that restore a decision.
import { openApp, assert, assertEqual } from './harness.mjs';

export const choice = (page, section) =>
  page.getAttribute(`[data-rec="${section}"]`, 'data-choice', { timeout: 2000 }).catch(() => null);

export function tests({ server, browser }) {
  return [
    ['the bundle loads under a sub-path and a tick changes the page', async () => {
      const page = await openApp(browser, server.url);
      assert(await page.isVisible('[data-welcome]'), 'welcome state shown');
      await page.click('#req-flexible-schema');
      await page.waitForSelector('[data-rec="primary-store"]');
      assertEqual(await choice(page, 'primary-store'), 'document', 'primary store after ticking flexible schema');
      assert(page.url().includes('#v=1&r=flexible-schema'), `the link follows the tick: ${page.url()}`);
      assertEqual(page.problems, [], 'no errors in the console');
      await page.context().close();
    }],
  ];
}
