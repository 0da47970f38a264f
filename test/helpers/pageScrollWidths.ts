import { pathToFileURL } from 'node:url';
import { CdpPipe } from '../playground/cdpPipe.js';
import type { HeadlessChromium } from './headlessChromium.js';

/**
 * The page's `document.documentElement.scrollWidth` in a desktop window of each width, as Chromium
 * lays it out: wider than the window means the page scrolls sideways.
 */
export async function pageScrollWidths(browser: HeadlessChromium, htmlPath: string, widths: readonly number[]): Promise<number[]> {
  const cdp = new CdpPipe(browser.bin as string, browser.flags);
  try {
    const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    await cdp.send('Runtime.enable', {}, sessionId);
    await cdp.send('Page.enable', {}, sessionId);
    await cdp.send('Page.navigate', { url: pathToFileURL(htmlPath).href }, sessionId);
    await cdp.waitFor(sessionId, "document.readyState === 'complete' && document.querySelector('main') !== null");
    const out: number[] = [];
    // One page, resized: reading scrollWidth lays it out again at the new width.
    for (const width of widths) {
      await cdp.send('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
      await cdp.waitFor(sessionId, `window.innerWidth === ${width}`);
      out.push(await cdp.evaluate<number>(sessionId, 'document.documentElement.scrollWidth'));
    }
    return out;
  } finally {
    await cdp.close();
  }
}
