import type { BoardProps } from '../types';

export default function SwotBoard(_props: BoardProps) {
  return <div data-testid="swot-board" />;
}
