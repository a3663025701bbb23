import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The Worker started by global-setup (same code path as `npm start`). */
export const stack = () => inject('stack');

/**
 * Debian's Chromium, headless, with the flags this closed network needs. Without it the
 * browser suite fails with the one command that installs it.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const SCREENSHOTS = new URL('./__screenshots__/', import.meta.url).pathname;

/** The two sizes the browser tests look at: a desktop window and a phone. */
export const VIEWPORTS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
  { name: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
];

/** A part of the widget (its shadow DOM is open, so page locators pierce it). */
export const inWidget = (page: Page, sel: string) => page.locator(`aisle-widget ${sel}`);

/** Sends a message through the widget's composer and waits until the reply has finished streaming; returns it. */
export async function askWidget(page: Page, text: string) {
  const before = await inWidget(page, '.aisle-assistant').count();
  await inWidget(page, 'textarea').fill(text);
  await inWidget(page, 'textarea').press('Enter');
  await expect.poll(() => inWidget(page, '.aisle-assistant').count(), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect.poll(() => inWidget(page, '[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
  return inWidget(page, '.aisle-assistant').last();
}
