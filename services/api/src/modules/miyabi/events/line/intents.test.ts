import { describe, expect, it } from 'vitest';
import { parseIntent } from './intents.ts';

describe('LINE intents (a heuristic of fixed phrasings)', () => {
  it.each([
    [
      'create issue Login button does nothing',
      { intent: 'create_issue', title: 'Login button does nothing' },
    ],
    ['Open an issue: Crash on start', { intent: 'create_issue', title: 'Crash on start' }],
    ['new issue - Slow search', { intent: 'create_issue', title: 'Slow search' }],
    ['イシュー作成: ログインできない', { intent: 'create_issue', title: 'ログインできない' }],
    ['課題を登録して 検索が遅い', { intent: 'create_issue', title: '検索が遅い' }],
    ['「ボタンが押せない」というイシューを作って', { intent: 'create_issue', title: 'ボタンが押せない' }],
    ['status of issue #12', { intent: 'issue_status', issueNumber: 12 }],
    ["What's the status of 42?", { intent: 'issue_status', issueNumber: 42 }],
    ['issue 7 status', { intent: 'issue_status', issueNumber: 7 }],
    ['#12の状態', { intent: 'issue_status', issueNumber: 12 }],
    ['イシュー１２の状況は?', { intent: 'issue_status', issueNumber: 12 }],
    ['課題 3 のステータス', { intent: 'issue_status', issueNumber: 3 }],
    ['list my runs', { intent: 'list_runs' }],
    ['Show me my agent runs', { intent: 'list_runs' }],
    ['my runs', { intent: 'list_runs' }],
    ['実行一覧', { intent: 'list_runs' }],
    ['エージェントの実行履歴', { intent: 'list_runs' }],
    ['link AB12CD34', { intent: 'link', code: 'ab12cd34' }],
    ['連携 ab12cd34', { intent: 'link', code: 'ab12cd34' }],
    ['hello there', { intent: 'unknown' }],
    ['create issue', { intent: 'unknown' }],
    ['', { intent: 'unknown' }],
  ])('%s', (text, expected) => {
    expect(parseIntent(text)).toEqual(expected);
  });

  it('reads only the start of a long text', () => {
    const long = parseIntent(`create issue ${'a'.repeat(3000)}`);
    expect(long).toEqual({ intent: 'create_issue', title: 'a'.repeat(200) });
    expect(parseIntent(' '.repeat(5000)).intent).toBe('unknown');
  });
});
