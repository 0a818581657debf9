/** Shared Victory styles: small grey axes so that the curves carry the colour. */
export const CHART_WIDTH = 560;
export const CHART_HEIGHT = 280;
export const CHART_PADDING = { top: 12, right: 20, bottom: 48, left: 64 };

const FONT = 'system-ui, -apple-system, "Segoe UI", "Liberation Sans", sans-serif';

export const axisStyle = {
  axis: { stroke: '#9aa3ad' },
  grid: { stroke: '#e8ebee' },
  ticks: { stroke: '#9aa3ad', size: 4 },
  tickLabels: { fontSize: 11, fontFamily: FONT, fill: '#4a5560', padding: 4 },
  axisLabel: { fontSize: 12, fontFamily: FONT, fill: '#2b3440', padding: 32 },
};

export const dependentAxisStyle = { ...axisStyle, axisLabel: { ...axisStyle.axisLabel, padding: 48 } };
