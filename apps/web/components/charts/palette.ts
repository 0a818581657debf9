/** Tableau 10: distinct for the first ten runs and readable on white. */
const COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export const colorAt = (i: number) => COLORS[i % COLORS.length]!;
