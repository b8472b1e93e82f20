import { type ReactNode, useId, useState } from 'react';

/**
 * A chart with its data as a table: the drawing is hidden from screen readers, which read the
 * table instead; anyone can show the table too ("Show as table").
 */
export function ChartFigure({
  title,
  description,
  chart,
  table,
}: {
  title: string;
  description?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
}) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <figure className="panel dash-figure">
      <div className="dash-figure-head">
        <figcaption>
          <h2>{title}</h2>
          {description && <p className="hint">{description}</p>}
        </figcaption>
        <button
          type="button"
          className="button small"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((v) => !v)}
        >
          {showTable ? 'Hide table' : 'Show as table'}
        </button>
      </div>
      <div className="dash-chart" aria-hidden="true">
        {chart}
      </div>
      <div id={tableId} className={showTable ? 'table-scroll dash-table' : 'visually-hidden'}>
        {table}
      </div>
    </figure>
  );
}
