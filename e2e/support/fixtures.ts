import { test as base } from '@playwright/test';
import { launchStudio, type RunningStudio } from './studio-process';

/** `studio`: a fresh studio in web mode for each test, on its own copy of the packs. */
export const test = base.extend<{ studio: RunningStudio }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function needs from its first parameter
  studio: async ({}, use, testInfo) => {
    const studio = await launchStudio();
    try {
      await use(studio);
    } finally {
      await testInfo.attach('studio-log.txt', { body: studio.output(), contentType: 'text/plain' });
      await studio.stop();
    }
  },
});

export { expect } from '@playwright/test';
