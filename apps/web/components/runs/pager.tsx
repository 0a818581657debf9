interface Props {
  pageIndex: number;
  pageSize: number;
  totalCount: number;
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
}

export function Pager({ pageIndex, pageSize, totalCount, onPrevious, onNext }: Props) {
  if (totalCount <= pageSize) return null;
  const first = pageIndex * pageSize + 1;
  const last = Math.min(totalCount, first + pageSize - 1);
  return (
    <nav className="pager" data-testid="pager">
      <button data-testid="previous-page" disabled={!onPrevious} onClick={onPrevious ?? undefined}>
        ← Previous
      </button>
      <span>
        {first.toLocaleString('en-US')}–{last.toLocaleString('en-US')} of {totalCount.toLocaleString('en-US')}
      </span>
      <button data-testid="next-page" disabled={!onNext} onClick={onNext ?? undefined}>
        Next →
      </button>
    </nav>
  );
}
