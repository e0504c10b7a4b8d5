/**
 * What a LINE text asks for (docs/products/miyabi.md, LINE): create an issue, the status of issue
 * N, the sender's recent runs, or linking the LINE user to an account; in Japanese or English.
 * A heuristic: fixed phrasings matched by anchored patterns, no language model. The text is
 * first folded (NFKC, so full-width ＃１２ reads as #12; lower case; runs of white space become
 * one space), which keeps every pattern simple and linear (test/linear-regexes.test.ts).
 */

export type Intent =
  | { intent: 'create_issue'; title: string }
  | { intent: 'issue_status'; issueNumber: number }
  | { intent: 'list_runs' }
  | { intent: 'link'; code: string }
  | { intent: 'unknown' };

/** LINE texts are at most 5 000 characters; intents are short, so only the start is read. */
const MAX_READ = 1000;
const MAX_TITLE = 200;

export function fold(text: string): string {
  return text.slice(0, MAX_READ).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const LINK = [/^(?:link|連携|リンク) ?([a-z0-9]{8})$/];

const CREATE_ISSUE = [
  // "create issue: login fails", "open an issue Login fails", "new issue - login fails"
  /^(?:create|open|new|file|add) (?:an? |new )?issue(?: ?[:-])? ?(.+)$/,
  // "イシュー作成: ログインできない", "課題を登録して ログインできない"
  /^(?:イシュー|issue|課題|チケット)を?(?:作成|作って|登録|追加|起票)(?:して)?(?:ください)?(?: ?[:-])? ?(.+)$/,
  // "ログインできないというイシューを作って", "ログインできない って課題を登録"
  /^(.+?) ?(?:という|って|と|の)(?:イシュー|issue|課題|チケット)を?(?:作成|作って|登録|追加|起票)/,
];

const ISSUE_STATUS = [
  // "status of issue #12", "status 12", "what is the status of #12", "state of issue 12?"
  /^(?:what(?: is|'s) )?(?:the )?(?:status|state|progress) (?:of )?(?:issue )?#?(\d{1,9})\b/,
  // "issue #12 status", "#12 status?"
  /^(?:issue )?#?(\d{1,9}) (?:status|state|progress)\b/,
  // "#12の状態", "イシュー12の状況は?", "課題 12 のステータス", "12番の進捗"
  /^(?:イシュー|issue|課題|チケット)? ?#?(\d{1,9}) ?(?:番)? ?(?:の)? ?(?:状態|ステータス|状況|進捗)/,
];

const LIST_RUNS = [
  // "list my runs", "show runs", "my runs", "show my agent executions"
  /^(?:(?:list|show)(?: me)? )?(?:my )?(?:agent )?(?:runs|executions)\b/,
  // "実行一覧", "エージェントの実行履歴", "私の実行を見せて", "実行状況"
  /^(?:私の|自分の)?(?:エージェントの)?(?:実行|ラン)(?:の)? ?(?:一覧|履歴|リスト|状況|を見せて|を表示)/,
];

function firstMatch(patterns: readonly RegExp[], text: string): RegExpExecArray | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match;
  }
  return null;
}

/** Strips quotes a title came in: 「…」, "…", '…'. */
function cleanTitle(title: string): string {
  return title
    .replace(/^[「『"']/, '')
    .replace(/[」』"']$/, '')
    .trim()
    .slice(0, MAX_TITLE);
}

export function parseIntent(text: string): Intent {
  const folded = fold(text);
  const link = firstMatch(LINK, folded);
  if (link?.[1]) return { intent: 'link', code: link[1] };
  const status = firstMatch(ISSUE_STATUS, folded);
  if (status?.[1]) return { intent: 'issue_status', issueNumber: Number(status[1]) };
  if (firstMatch(LIST_RUNS, folded)) return { intent: 'list_runs' };
  const create = firstMatch(CREATE_ISSUE, folded);
  // The title keeps the sender's case: take it from the same span of the un-lowered text.
  if (create?.[1]) {
    const title = cleanTitle(create[1]);
    if (title) return { intent: 'create_issue', title: originalCase(text, title) };
  }
  return { intent: 'unknown' };
}

/** `title` as the sender wrote it, when the folded text kept its length (the common case). */
function originalCase(text: string, title: string): string {
  const plain = text.slice(0, MAX_READ).normalize('NFKC').replace(/\s+/g, ' ').trim();
  const at = plain.toLowerCase().lastIndexOf(title);
  return at >= 0 ? plain.slice(at, at + title.length) : title;
}
