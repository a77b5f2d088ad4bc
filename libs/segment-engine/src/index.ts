export * from './lib/segment-validate.util';
export * from './lib/segment-summary.util';
export * from './lib/segment-evaluate.util';
export { DAY_MS, parseRuleDate, wholeDaysSince, attributeNumber, attributeText } from './lib/segment-values.util';
// The compiler only imports the root `drizzle-orm` entry (browser-safe `sql`), never a driver.
export * from './lib/segment-sql.compiler';
