import type { BoardProps } from '../types';

export default function PrioritiesBoard(_props: BoardProps) {
  return <div data-testid="priorities-board" />;
}
