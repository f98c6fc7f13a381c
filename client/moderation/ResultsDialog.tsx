import type { SessionKind } from '../../shared/domain';
import type { RoundResult } from '../../shared/votes';
import { ProjectorView } from './ProjectorView';
import { useSessionSnapshot } from '../data/session/sessionContext';

/** One result on the projector (the whole screen, large type). */
export function ResultsDialog({ result, kind, onClose }: { result: RoundResult; kind: SessionKind | undefined; onClose: () => void }) {
  const { welcome } = useSessionSnapshot();
  return <ProjectorView title={welcome?.session.title} kind={kind} result={result} onClose={onClose} />;
}
