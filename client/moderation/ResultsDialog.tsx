import { lazy } from 'react';
import type { SessionKind } from '../../shared/domain';
import type { RoundResult } from '../../shared/votes';
import { LazyPart } from '../components/Lazy';
import { useSessionSnapshot } from '../data/session/sessionContext';

// Loaded when a result is first put on the projector.
const ProjectorView = lazy(() => import('./ProjectorView').then((m) => ({ default: m.ProjectorView })));

/** One result on the projector (the whole screen, large type). */
export function ResultsDialog({ result, kind, onClose }: { result: RoundResult; kind: SessionKind | undefined; onClose: () => void }) {
  const { welcome } = useSessionSnapshot();
  return (
    <LazyPart>
      <ProjectorView title={welcome?.session.title} kind={kind} result={result} onClose={onClose} />
    </LazyPart>
  );
}
