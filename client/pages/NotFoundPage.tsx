import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.docTitle'));
  return (
    <div className="wr-page">
      <h1 className="kern-heading-large">{t('notFound.title')}</h1>
      <p className="kern-body">{t('notFound.text')}</p>
      <p>
        <Link className="kern-link" to="/">
          {t('notFound.home')}
        </Link>
      </p>
    </div>
  );
}
