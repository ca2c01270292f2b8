import { useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type ApiError, download, asApiError } from '../api.js';

/**
 * A link to a file the server makes (the plan's PDF, follow-up exports). It stays a real link with
 * `download` (it works without script and says what it is), but a click fetches the file first:
 * while the server prints, a polite status says so; a refusal (too many PDFs in a minute, the plan
 * gone, the session ended) is said in the UI's language instead of being saved as a file that holds
 * an error message.
 */
export function useDownload(fallbackName: string): {
  onClick: (e: MouseEvent<HTMLAnchorElement>) => void;
  busy: boolean;
  /** The status or the problem, to place near the link. */
  notice: ReactNode;
} {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const running = useRef(false);

  function onClick(e: MouseEvent<HTMLAnchorElement>) {
    // A modified click (new tab, save link as) is the browser's business.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (running.current) return;
    running.current = true;
    const href = e.currentTarget.getAttribute('href') ?? '';
    setBusy(true);
    setProblem(null);
    download(href).then(
      ({ blob, filename }) => {
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = filename ?? fallbackName;
        a.hidden = true;
        document.body.append(a);
        a.click();
        a.remove();
        window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
        running.current = false;
        setBusy(false);
      },
      (err: unknown) => {
        running.current = false;
        setBusy(false);
        setProblem(asApiError(err));
      },
    );
  }

  let notice: ReactNode = null;
  if (busy) {
    notice = (
      <p role="status" className="loading">
        <span className="spinner" aria-hidden="true" />
        {t('download.preparing')}
      </p>
    );
  } else if (problem) {
    notice = (
      <div role="alert" className="notice notice-error">
        <p>{downloadProblemText(t, problem)}</p>
        {problem.requestId && problem.status >= 500 ? (
          <p className="small">{t('errors.requestId', { requestId: problem.requestId })}</p>
        ) : null}
      </div>
    );
  }
  return { onClick, busy, notice };
}

function downloadProblemText(t: TFunction, e: ApiError): string {
  if (e.status === 0) return t('errors.network');
  if (e.status === 401) return t('errors.sessionExpired');
  if (e.status === 429) {
    const seconds = Number(e.body?.details?.retryAfterSeconds);
    return t('download.tooMany', { count: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60 });
  }
  if (e.status === 404 || e.status === 403) return t('download.notFound');
  return t('download.failed');
}
