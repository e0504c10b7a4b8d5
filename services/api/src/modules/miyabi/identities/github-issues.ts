/**
 * Creating GitHub issues as the account's linked GitHub identity (docs/products/miyabi.md, LINE,
 * Acting), behind one interface chosen in the composition root (MIYABI_GITHUB_ISSUES):
 *
 * - `local` (the default) sends nothing: it answers `pending`, and the request stays recorded
 *   for whoever acts on it, so nothing pretends an issue exists.
 * - `github` is GitHub's REST API, `POST /repos/{owner}/{repo}/issues` with the identity's token
 *   (https://docs.github.com/en/rest/issues/issues#create-an-issue), bounded like every provider
 *   request (kernel/oauth: timeout, body limit, no redirects). Tested against a local fake.
 */
import { PROVIDER_TIMEOUT_SECONDS, readBounded } from '../../../kernel/oauth/index.ts';

export interface NewGithubIssue {
  /** The identity's OAuth token (scope `repo`). */
  token: string;
  /** `owner/name`. */
  fullName: string;
  title: string;
  body: string;
}

export type GithubIssueOutcome =
  | { status: 'created'; number: number; url: string }
  | { status: 'pending'; reason: string }
  | { status: 'failed'; reason: string };

export interface GithubIssues {
  readonly name: string;
  create(issue: NewGithubIssue): Promise<GithubIssueOutcome>;
}

export const localGithubIssues: GithubIssues = {
  name: 'local',
  async create() {
    return {
      status: 'pending',
      reason:
        'No GitHub client is configured on this server (MIYABI_GITHUB_ISSUES=local): the request is recorded, not sent.',
    };
  },
};

const MAX_ANSWER_BYTES = 256 * 1024;

export function githubRestIssues(apiUrl: string): GithubIssues {
  return {
    name: 'github',
    async create({ token, fullName, title, body }) {
      const [owner = '', repo = ''] = fullName.split('/');
      const url = `${apiUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues`;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'user-agent': 'yorozu-api',
            'x-github-api-version': '2022-11-28',
          },
          body: JSON.stringify({ title, body }),
          signal: AbortSignal.timeout(PROVIDER_TIMEOUT_SECONDS * 1000),
          redirect: 'error',
        });
      } catch {
        return { status: 'failed', reason: 'GitHub could not be reached.' };
      }
      const answer = await readBounded(response, MAX_ANSWER_BYTES).catch(() => null);
      if (response.status !== 201 || !answer)
        return { status: 'failed', reason: `GitHub answered ${response.status}.` };
      const created = JSON.parse(answer.toString('utf8')) as { number?: unknown; html_url?: unknown };
      if (typeof created.number !== 'number' || typeof created.html_url !== 'string')
        return { status: 'failed', reason: 'GitHub answered without the issue.' };
      return { status: 'created', number: created.number, url: created.html_url };
    },
  };
}
