/**
 * Creating GitHub issues as the account's linked GitHub identity (docs/products/miyabi.md, LINE,
 * Acting), behind one interface chosen in the composition root (MIYABI_GITHUB_ISSUES):
 *
 * - `local` (the default) sends nothing: it answers `pending`, and the request stays recorded
 *   for whoever acts on it, so nothing pretends an issue exists.
 * - `github` is GitHub's REST API, `POST /repos/{owner}/{repo}/issues` with the identity's token
 *   (https://docs.github.com/en/rest/issues/issues#create-an-issue), bounded like every provider
 *   request (kernel/oauth: timeout, body limit, no redirects). Tested against a local fake.
 *
 * It is called from a job, outside any transaction (docs/architecture.md, No third-party call
 * inside a transaction). A failure says whether another attempt could turn out differently:
 * GitHub unreachable or silent, a 5xx, a 429 or a rate-limit 403 (its `Retry-After` or
 * `x-ratelimit-remaining: 0`, https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api)
 * are worth retrying; any other answer (401 bad credentials, 404 no such repository or no access,
 * 410 issues disabled, 422 refused fields) is GitHub's last word.
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
  | { status: 'failed'; reason: string; retryable: boolean };

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
      } catch (error) {
        const late = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        return {
          status: 'failed',
          reason: late ? 'GitHub did not answer in time.' : 'GitHub could not be reached.',
          retryable: true,
        };
      }
      if (response.status !== 201) {
        await response.body?.cancel().catch(() => undefined);
        return {
          status: 'failed',
          reason: `GitHub answered ${response.status}.`,
          retryable: retryable(response),
        };
      }
      // Created, whatever follows: another attempt would file it again, so nothing here is retried.
      const answer = await readBounded(response, MAX_ANSWER_BYTES).catch(() => null);
      const created = parsed(answer);
      if (typeof created?.number !== 'number' || typeof created.html_url !== 'string')
        return { status: 'failed', reason: 'GitHub answered without the issue.', retryable: false };
      return { status: 'created', number: created.number, url: created.html_url };
    },
  };
}

function retryable(response: Response): boolean {
  const { status, headers } = response;
  if (status >= 500 || status === 429) return true;
  return status === 403 && (headers.has('retry-after') || headers.get('x-ratelimit-remaining') === '0');
}

function parsed(answer: Buffer | null): { number?: unknown; html_url?: unknown } | null {
  if (!answer) return null;
  try {
    return JSON.parse(answer.toString('utf8')) as { number?: unknown; html_url?: unknown };
  } catch {
    return null;
  }
}
