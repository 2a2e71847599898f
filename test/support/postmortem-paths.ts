/**
 * The postmortem fixtures more than one test file reads: logs under fixtures/postmortem/<scenario>/, baselines,
 * suppression files and catalogs under test/data/ (fixtures/ is scanned whole by `npm start`).
 */
export const PM = 'fixtures/postmortem';
export const DATA = 'test/data';
export const COMPARE = `${PM}/compare/mail2cloud-2026-03-18.log`;
export const TIMELINE = `${PM}/timeline/mail2cloud-eu2.log`;
export const BASELINE = `${DATA}/baseline-2026-03-11.json`;
export const ACCOUNTS = `${PM}/accounts`;
