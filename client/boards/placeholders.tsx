/** Stand-ins until the goal tree and the action plan are built (see registry.tsx). */
import { useTranslation } from 'react-i18next';
import type { BoardProps } from './types';

function Placeholder({ kind }: Pick<BoardProps, 'kind'>) {
  const { t } = useTranslation();
  return (
    <p className="kern-body wr-muted" data-testid={`board-placeholder-${kind}`}>
      {t('boards.frame.placeholder')}
    </p>
  );
}

export function GoalsPlaceholder({ kind }: BoardProps) {
  return <Placeholder kind={kind} />;
}

export function ActionsPlaceholder({ kind }: BoardProps) {
  return <Placeholder kind={kind} />;
}
