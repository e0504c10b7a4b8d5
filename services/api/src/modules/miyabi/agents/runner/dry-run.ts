/**
 * The built-in agent runner: deterministic rules of thumb over the input it is given, no model.
 * It really reads the issue text and the files (their paths and, for a review, their lines), and
 * its output is structured like a model's, but every result says `heuristic: true`: it is a first
 * draft by keyword and pattern matching, not understanding. The same input gives the same output.
 */
import {
  AgentFailure,
  type AgentInput,
  type AgentResult,
  type AgentResultItem,
  type AgentRunContext,
  type AgentRunner,
  type AgentRunRequest,
  type AgentType,
} from './runner.ts';

const RUNNER = 'dry-run';
/** Findings per file a review reports at most, and lines longer than this are noted. */
const MAX_FINDINGS_PER_FILE = 20;
const LONG_LINE = 120;

const item = (kind: string, text: string, extra: Partial<AgentResultItem> = {}): AgentResultItem => ({
  kind,
  text,
  agentType: null,
  path: null,
  line: null,
  severity: null,
  ...extra,
});

/** Lower-case words of ASCII letters and digits, and runs of Japanese characters. */
function words(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[a-z0-9_]+|[\u3040-\u30ff\u4e00-\u9fff]+/g) ?? []).filter((w) => w.length > 1),
  );
}

const hasAny = (text: string, needles: readonly string[]) => {
  const lower = text.toLowerCase();
  return needles.some((needle) => lower.includes(needle));
};

const BUG_WORDS = [
  'bug',
  'crash',
  'error',
  'fail',
  'broken',
  'exception',
  'wrong',
  'regression',
  'バグ',
  'エラー',
  'クラッシュ',
  '不具合',
];
const FEATURE_WORDS = ['add', 'support', 'feature', 'implement', 'allow', 'new ', '追加', '機能', '対応'];
const DOCS_WORDS = ['docs', 'documentation', 'readme', 'typo', 'ドキュメント'];
const URGENT_WORDS = ['crash', 'security', 'data loss', 'urgent', 'production', 'outage', '緊急', '本番'];
const DEPLOY_WORDS = ['deploy', 'release', 'rollout', 'デプロイ', 'リリース'];
const TEST_WORDS = ['test', 'spec', 'テスト'];

function issueText(input: AgentInput): string {
  return [input.issue?.title ?? '', input.issue?.body ?? '', input.instructions ?? ''].join('\n');
}

/** The issue's checklist or bullet lines, else its sentences: the work it asks for. */
function tasksOf(input: AgentInput): string[] {
  const body = input.issue?.body ?? '';
  const bullets = body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^([-*+]|\d+[.)])\s/.test(line))
    .map((line) => line.replace(/^([-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?/, '').trim())
    .filter((line) => line !== '');
  if (bullets.length > 0) return bullets.slice(0, 20);
  const sentences = body
    .split(/[.!?。！？]\s*|\n/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 3);
  return (sentences.length > 0 ? sentences : [input.issue?.title ?? '']).filter(Boolean).slice(0, 10);
}

function classify(text: string): { kind: string; priority: string } {
  const kind = hasAny(text, BUG_WORDS)
    ? 'bug'
    : hasAny(text, DOCS_WORDS)
      ? 'documentation'
      : hasAny(text, FEATURE_WORDS)
        ? 'enhancement'
        : text.includes('?')
          ? 'question'
          : 'task';
  const priority = hasAny(text, URGENT_WORDS) ? 'high' : kind === 'documentation' ? 'low' : 'medium';
  return { kind, priority };
}

/** Files the text names (by path or by file name), then files sharing the most words with it. */
function relevantFiles(input: AgentInput, text: string): { path: string; score: number }[] {
  const wanted = words(text);
  const lower = text.toLowerCase();
  return (input.files ?? [])
    .map((file) => {
      const name = file.path.split('/').at(-1) ?? file.path;
      const named = lower.includes(file.path.toLowerCase()) || lower.includes(name.toLowerCase()) ? 10 : 0;
      const shared = [...words(file.path.replace(/[./_-]/g, ' '))].filter((w) => wanted.has(w)).length;
      return { path: file.path, score: named + shared };
    })
    .filter((file) => file.score > 0)
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
}

function agentFor(task: string): AgentType {
  if (hasAny(task, DEPLOY_WORDS)) return 'Deployment';
  if (hasAny(task, ['review', 'check', 'audit', 'レビュー'])) return 'Review';
  if (hasAny(task, ['pull request', ' pr', 'changelog'])) return 'PR';
  if (hasAny(task, ['triage', 'label', 'reproduce', '再現'])) return 'Issue';
  return 'CodeGen';
}

function markdown(title: string, summary: string, items: readonly AgentResultItem[]): string {
  const lines = items.map((entry) => {
    const where = entry.path ? `${entry.path}${entry.line ? `:${entry.line}` : ''}: ` : '';
    const who = entry.agentType ? ` (${entry.agentType})` : '';
    const how = entry.severity ? ` [${entry.severity}]` : '';
    return `- ${where}${entry.text}${who}${how}`;
  });
  return `## ${title}\n\n${summary}\n\n${lines.join('\n')}\n`;
}

function result(kind: string, title: string, summary: string, items: AgentResultItem[]): AgentResult {
  return {
    runner: RUNNER,
    heuristic: true,
    kind,
    title,
    summary,
    items,
    markdown: markdown(title, summary, items),
  };
}

function needIssue(request: AgentRunRequest): NonNullable<AgentInput['issue']> {
  if (!request.input.issue)
    throw new AgentFailure(`The ${request.agentType} agent needs an issue to read (input.issue).`);
  return request.input.issue;
}

const upstreamOf = (request: AgentRunRequest, kind: string) =>
  request.upstream.filter((step) => step.result.kind === kind).flatMap((step) => step.result.items);

// ---- the six agents ---------------------------------------------------------------------------

async function triage(request: AgentRunRequest, context: AgentRunContext): Promise<AgentResult> {
  const issue = needIssue(request);
  const text = issueText(request.input);
  await context.log(`Reading issue${issue.number ? ` #${issue.number}` : ''}: ${issue.title}`);
  const { kind, priority } = classify(text);
  await context.progress(50, 'Classifying the issue', { words: words(text).size });
  const files = relevantFiles(request.input, text);
  const items = [
    item('label', kind),
    item('label', `priority: ${priority}`),
    ...(hasAny(text, TEST_WORDS) ? [item('label', 'tests')] : []),
    ...files.map((file) => item('file', 'Mentioned by or related to the issue.', { path: file.path })),
  ];
  await context.log(`Labelled ${kind}, priority ${priority}; ${files.length} related file(s).`);
  return result(
    'triage',
    `Triage: ${issue.title}`,
    `A ${kind} of ${priority} priority, touching ${files.length} of the ${request.input.files?.length ?? 0} file(s) given.`,
    items,
  );
}

async function coordinate(request: AgentRunRequest, context: AgentRunContext): Promise<AgentResult> {
  const issue = needIssue(request);
  const tasks = tasksOf(request.input);
  await context.log(`Breaking "${issue.title}" into ${tasks.length} task(s).`);
  const items = tasks.map((task) => item('task', task, { agentType: agentFor(task) }));
  const text = issueText(request.input);
  items.push(item('task', 'Review the changes.', { agentType: 'Review' }));
  items.push(item('task', 'Open the pull request.', { agentType: 'PR' }));
  if (hasAny(text, DEPLOY_WORDS))
    items.push(item('task', 'Deploy after merge.', { agentType: 'Deployment' }));
  await context.progress(80, 'Assigning tasks to agents', { tasks: items.length });
  const agents = [...new Set(items.map((entry) => entry.agentType))].join(', ');
  return result('plan', `Plan for ${issue.title}`, `${items.length} tasks for ${agents}, in order.`, items);
}

async function codePlan(request: AgentRunRequest, context: AgentRunContext): Promise<AgentResult> {
  const issue = needIssue(request);
  const planned = upstreamOf(request, 'plan').filter((entry) => entry.agentType === 'CodeGen');
  const tasks = planned.length > 0 ? planned.map((entry) => entry.text) : tasksOf(request.input);
  await context.log(
    `Planning code changes for ${tasks.length} task(s)${planned.length ? ' from the coordinator' : ''}.`,
  );
  const items: AgentResultItem[] = [];
  for (const [index, task] of tasks.entries()) {
    const files = relevantFiles(request.input, `${task}\n${issue.title}`).slice(0, 3);
    if (files.length === 0) items.push(item('change', `${task} (no given file matches: likely a new file).`));
    for (const file of files) items.push(item('change', task, { path: file.path }));
    if (
      hasAny(task, TEST_WORDS) === false &&
      hasAny(issueText(request.input), TEST_WORDS) &&
      index === tasks.length - 1
    )
      items.push(item('change', 'Add or extend a test for the change.'));
    await context.progress(
      10 + Math.round((80 * (index + 1)) / tasks.length),
      `Planning: ${task.slice(0, 80)}`,
      {
        tasksPlanned: index + 1,
      },
    );
  }
  const paths = new Set(items.flatMap((entry) => (entry.path ? [entry.path] : [])));
  return result(
    'code_plan',
    `Code plan for ${issue.title}`,
    `${items.length} change(s) across ${paths.size} known file(s).`,
    items,
  );
}

interface Rule {
  test: RegExp;
  text: string;
  severity: 'info' | 'warning' | 'error';
  only?: RegExp;
}

const RULES: readonly Rule[] = [
  { test: /\b(TODO|FIXME|XXX)\b/, text: 'A TODO is left in the code.', severity: 'info' },
  {
    test: /\bconsole\.log\(|\bdebugger\b/,
    text: 'Debugging output is left in the code.',
    severity: 'warning',
  },
  {
    test: /:\s*any\b|\bas any\b/,
    text: '`any` switches type checking off here.',
    severity: 'warning',
    only: /\.tsx?$/,
  },
  {
    test: /(api[_-]?key|secret|password|token)["']?\s*[:=]\s*["'][^"']{8,}["']/i,
    text: 'What looks like a credential is written in the code.',
    severity: 'error',
  },
  { test: /\beval\(/, text: '`eval` runs text as code.', severity: 'error', only: /\.(js|ts|jsx|tsx|py)$/ },
];

const SOURCE = /\.(ts|tsx|js|jsx|py|go|rs|rb|java)$/;
const TEST_FILE = /(\.test\.|\.spec\.|_test\.|(^|\/)tests?\/)/;

async function review(request: AgentRunRequest, context: AgentRunContext): Promise<AgentResult> {
  const files = (request.input.files ?? []).filter((file) => file.content !== undefined);
  if (files.length === 0)
    throw new AgentFailure('The Review agent needs files with their content (input.files[].content).');
  await context.log(`Reviewing ${files.length} file(s).`);
  const items: AgentResultItem[] = [];
  const given = new Set((request.input.files ?? []).map((file) => file.path));
  for (const [index, file] of files.entries()) {
    const lines = (file.content ?? '').split('\n');
    let found = 0;
    for (const [number, line] of lines.entries()) {
      if (found >= MAX_FINDINGS_PER_FILE) break;
      for (const rule of RULES) {
        if ((rule.only && !rule.only.test(file.path)) || !rule.test.test(line)) continue;
        items.push(
          item('finding', rule.text, { path: file.path, line: number + 1, severity: rule.severity }),
        );
        found += 1;
      }
      if (line.length > LONG_LINE && found < MAX_FINDINGS_PER_FILE) {
        items.push(
          item('finding', `Line is ${line.length} characters long.`, {
            path: file.path,
            line: number + 1,
            severity: 'info',
          }),
        );
        found += 1;
      }
    }
    if (SOURCE.test(file.path) && !TEST_FILE.test(file.path)) {
      const stem = (file.path.split('/').at(-1) ?? '').replace(SOURCE, '');
      const tested = [...given].some((path) => TEST_FILE.test(path) && path.includes(stem));
      if (!tested)
        items.push(
          item('finding', 'No test file for it is among the files given.', {
            path: file.path,
            severity: 'info',
          }),
        );
    }
    await context.progress(Math.round((90 * (index + 1)) / files.length), `Reviewed ${file.path}`, {
      filesReviewed: index + 1,
      findings: items.length,
    });
  }
  const count = (severity: string) => items.filter((entry) => entry.severity === severity).length;
  const summary = `${items.length} finding(s) (${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes) in ${files.length} file(s).`;
  await context.log(summary);
  return result('review', `Review of ${files.length} file(s)`, summary, items);
}

async function deployment(request: AgentRunRequest, context: AgentRunContext): Promise<AgentResult> {
  const paths = (request.input.files ?? []).map((file) => file.path);
  const changed = [
    ...paths,
    ...upstreamOf(request, 'code_plan').flatMap((entry) => (entry.path ? [entry.path] : [])),
  ];
  if (changed.length === 0 && !request.input.issue)
    throw new AgentFailure('The Deployment agent needs an issue or files to plan a deployment for.');
  await context.log(`Planning the deployment of ${changed.length} changed file(s).`);
  const has = (pattern: RegExp) => changed.some((path) => pattern.test(path));
  const items: AgentResultItem[] = [];
  const blockers = upstreamOf(request, 'review').filter((entry) => entry.severity === 'error');
  if (blockers.length > 0)
    items.push(
      item('check', `Resolve ${blockers.length} error finding(s) from the review first.`, {
        severity: 'error',
      }),
    );
  if (has(/migrat/i)) items.push(item('step', 'Run the database migrations before starting the new code.'));
  if (has(/(^|\/)(package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|requirements\.txt|go\.sum|Cargo\.lock)$/))
    items.push(item('step', 'Install the changed dependencies in a clean build.'));
  if (has(/(^|\/)Dockerfile$|docker-compose/))
    items.push(item('step', 'Rebuild and push the container image.'));
  if (has(/(\.env|config)/i))
    items.push(item('check', 'Check the configuration for new or renamed variables.'));
  items.push(item('check', 'Run the full test suite on the merge commit.'));
  items.push(
    item(
      'step',
      `Deploy ${request.repository?.defaultBranch ?? 'the default branch'} to staging, then to production.`,
    ),
  );
  items.push(item('check', 'Watch error rates and latency for 30 minutes after the release.'));
  await context.progress(80, 'Writing the deployment checklist', { steps: items.length });
  const target = request.repository?.fullName ?? 'the repository';
  const verdict = blockers.length > 0 ? 'Blocked by the review.' : 'Ready once the checks pass.';
  return result(
    'deployment',
    `Deployment plan for ${target}`,
    `${items.length} steps and checks. ${verdict}`,
    items,
  );
}

async function pullRequest(request: AgentRunRequest, context: AgentRunContext): Promise<AgentResult> {
  const issue = needIssue(request);
  const text = issueText(request.input);
  const { kind } = classify(text);
  const number = request.issueNumber ?? issue.number ?? null;
  const title = `${kind === 'bug' ? 'Fix' : kind === 'documentation' ? 'Docs' : 'Add'}: ${issue.title}`.slice(
    0,
    200,
  );
  await context.log(`Writing the pull request "${title}".`);
  const changes = upstreamOf(request, 'code_plan');
  const findings = upstreamOf(request, 'review');
  const files =
    changes.length > 0
      ? [...new Set(changes.flatMap((entry) => (entry.path ? [entry.path] : [])))]
      : (request.input.files ?? []).map((file) => file.path);
  const items = [
    ...files.map((path) => item('change', 'Changed.', { path })),
    item('check', 'Tests pass.'),
    item('check', 'Documentation updated where behaviour changed.'),
    ...(findings.length > 0 ? [item('check', `${findings.length} review finding(s) addressed.`)] : []),
  ];
  await context.progress(80, 'Writing the description', { files: files.length });
  const firstParagraph = (issue.body ?? '').split('\n\n')[0]?.trim() ?? '';
  const body = [
    `## ${title}`,
    '',
    firstParagraph || issue.title,
    '',
    '### Changes',
    ...(files.length > 0 ? files.map((path) => `- \`${path}\``) : ['- (no files given)']),
    '',
    '### Checklist',
    ...items.filter((entry) => entry.kind === 'check').map((entry) => `- [ ] ${entry.text}`),
    ...(number ? ['', `Closes #${number}`] : []),
    '',
  ].join('\n');
  return {
    runner: RUNNER,
    heuristic: true,
    kind: 'pull_request',
    title,
    summary: `A ${kind} pull request touching ${files.length} file(s)${number ? `, closing #${number}` : ''}.`,
    items,
    markdown: body,
  };
}

const AGENTS: Record<
  AgentType,
  (request: AgentRunRequest, context: AgentRunContext) => Promise<AgentResult>
> = {
  Issue: triage,
  Coordinator: coordinate,
  CodeGen: codePlan,
  Review: review,
  Deployment: deployment,
  PR: pullRequest,
};

export const dryRunAgentRunner: AgentRunner = {
  name: RUNNER,
  async run(request, context) {
    await context.progress(5, 'Reading the input', {
      files: request.input.files?.length ?? 0,
      upstream: request.upstream.length,
    });
    const output = await AGENTS[request.agentType](request, context);
    await context.progress(100, 'Done', { items: output.items.length });
    return output;
  },
};
