import { RivStatus } from './RivStatus.tsx';
import { SessionProposal } from './SessionProposal.tsx';
import './poortwachter.css';

/** What the Poortwachter rules ask of the case now: a consultation before a near milestone, and the state of the actueel oordeel. */
export function PoortwachterNotices({ firstSickDay }: { firstSickDay: string }) {
  return (
    <>
      <SessionProposal firstSickDay={firstSickDay} />
      <RivStatus firstSickDay={firstSickDay} />
    </>
  );
}
