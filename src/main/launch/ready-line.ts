/** The line web mode prints when ready; scripts and the e2e tests read the URL from it. */
export const READY_PREFIX = 'MAID Studio is running at ';
