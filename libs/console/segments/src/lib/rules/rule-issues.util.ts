/** One validation problem, as the engine and the API's 400 `details` report it. */
export interface RuleIssue {
  path: string;
  message: string;
}

/**
 * Groups issues by the rule they belong to: `rules[1].rules[0].value[1]` → key `rules[1].rules[0]`.
 * Issues about a group itself (`rules[1].op`, or the root's `''`) are keyed by that group.
 */
export function issuesByRule(issues: readonly RuleIssue[]): ReadonlyMap<string, string[]> {
  const out = new Map<string, string[]>();
  for (const issue of issues) {
    const key = ruleKeyOf(issue.path);
    const list = out.get(key) ?? [];
    if (!list.includes(issue.message)) list.push(issue.message);
    out.set(key, list);
  }
  return out;
}

/** The longest `rules[i](.rules[j])*` prefix of an AST path. */
export function ruleKeyOf(path: string): string {
  const match = /^(?:rules\[\d+\](?:\.rules\[\d+\])*)/.exec(path);
  return match ? match[0] : '';
}
