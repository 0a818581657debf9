/** An HTML legend under a chart: wraps instead of overlapping however long the run names are. */
export function ChartLegend({ items }: { items: Array<{ id: string; name: string; color: string }> }) {
  return (
    <ul className="legend" data-testid="chart-legend">
      {items.map((item) => (
        <li key={item.id}>
          <span className="swatch" style={{ background: item.color }} />
          {item.name}
        </li>
      ))}
    </ul>
  );
}
