// The view's charts, drawn by Chart.js on canvas (no eval, no injected styles:
// fine under the webview's CSP), coloured from the VS Code theme and rebuilt when
// the theme changes. Each chart also has a data table for screen readers.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { ChartConfiguration } from 'chart.js';
import type { LatencyBin } from '../../src/engine/model/caseQuery';
import { cssVar } from '../shared/theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** Colours of the current theme, read from its CSS variables. */
export interface ChartTheme {
  fg: string;
  muted: string;
  grid: string;
  font: string;
  blue: string;
  green: string;
  red: string;
  yellow: string;
  neutral: string;
  tooltipBg: string;
  tooltipFg: string;
  tooltipBorder: string;
}

/** Reads the chart colours from the theme. */
export function chartTheme(): ChartTheme {
  return {
    fg: cssVar('--vscode-charts-foreground', '--vscode-foreground'),
    muted: cssVar('--vscode-descriptionForeground', '--vscode-foreground'),
    grid: cssVar('--vscode-charts-lines', '--vscode-panel-border'),
    font: cssVar('--vscode-font-family') || 'sans-serif',
    blue: cssVar('--vscode-charts-blue', '--vscode-focusBorder'),
    green: cssVar('--vscode-charts-green', '--vscode-testing-iconPassed'),
    red: cssVar('--vscode-charts-red', '--vscode-testing-iconFailed'),
    yellow: cssVar('--vscode-charts-yellow', '--vscode-editorWarning-foreground'),
    neutral: cssVar('--vscode-disabledForeground', '--vscode-descriptionForeground'),
    tooltipBg: cssVar('--vscode-editorHoverWidget-background', '--vscode-editorWidget-background'),
    tooltipFg: cssVar('--vscode-editorHoverWidget-foreground', '--vscode-foreground'),
    tooltipBorder: cssVar('--vscode-editorHoverWidget-border', '--vscode-widget-border'),
  };
}

const live = new Set<Chart<'bar'>>();

/** Destroys every chart (before a re-render or a theme change). */
export function destroyCharts(): void {
  for (const c of live) c.destroy();
  live.clear();
}

/** How many charts are on screen. */
export function chartCount(): number {
  return live.size;
}

function baseOptions(t: ChartTheme): NonNullable<ChartConfiguration<'bar'>['options']> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    // Reports are read, not watched: no animation (also keeps screenshots exact).
    animation: false,
    font: { family: t.font, size: 11 },
    color: t.fg,
    plugins: {
      legend: { display: false },
      tooltip: {
        backgroundColor: t.tooltipBg,
        titleColor: t.tooltipFg,
        bodyColor: t.tooltipFg,
        borderColor: t.tooltipBorder,
        borderWidth: 1,
        titleFont: { family: t.font, weight: 'bold' },
        bodyFont: { family: t.font },
        displayColors: true,
        boxPadding: 4,
      },
    },
  };
}

/** One bin of the latency histogram (computed by the host over every case). */
export type Bin = LatencyBin;

/** Draws the latency histogram; bins at or beyond `limit` (the p95 threshold) are drawn in the failure colour. */
export function latencyChart(
  canvas: HTMLCanvasElement,
  bins: readonly Bin[],
  label: (ms: number) => string,
  limit: number | undefined,
): Chart<'bar'> {
  const t = chartTheme();
  const base = baseOptions(t);
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: bins.map((b) => label(b.from)),
      datasets: [
        {
          label: 'Calls',
          data: bins.map((b) => b.count),
          backgroundColor: bins.map((b) => (limit !== undefined && b.to > limit ? t.red : t.blue)),
          borderRadius: 2,
          categoryPercentage: 0.92,
          barPercentage: 1,
        },
      ],
    },
    options: {
      ...base,
      plugins: {
        ...base.plugins,
        tooltip: {
          ...base.plugins?.tooltip,
          callbacks: {
            title: (items) => {
              const b = bins[items[0]?.dataIndex ?? 0];
              return b ? `${label(b.from)} – ${label(b.to)}` : '';
            },
          },
        },
      },
      scales: {
        x: {
          grid: { display: false },
          ticks: { color: t.muted, maxRotation: 0, autoSkipPadding: 12 },
          border: { color: t.grid },
          title: { display: true, text: 'latency', color: t.muted },
        },
        y: {
          beginAtZero: true,
          grid: { color: t.grid },
          ticks: { color: t.muted, precision: 0 },
          border: { display: false },
          title: { display: true, text: 'calls', color: t.muted },
        },
      },
    },
  });
  live.add(chart);
  return chart;
}

/** Outcome counts of one attack category. */
export interface AttackRow {
  category: string;
  refused: number;
  unclear: number;
  succeeded: number;
  errors: number;
  rate: number | null;
}

/** Draws attack outcomes per category as stacked horizontal bars: refused, unclear, succeeded, no answer. */
export function attackChart(canvas: HTMLCanvasElement, rows: readonly AttackRow[], rateLabel: (r: number | null) => string): Chart<'bar'> {
  const t = chartTheme();
  const base = baseOptions(t);
  const series: { key: keyof Omit<AttackRow, 'category' | 'rate'>; label: string; color: string }[] = [
    { key: 'refused', label: 'Refused', color: t.green },
    { key: 'unclear', label: 'Unclear', color: t.yellow },
    { key: 'succeeded', label: 'Attack succeeded', color: t.red },
    { key: 'errors', label: 'No answer', color: t.neutral },
  ];
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => `${r.category.replace(/_/g, ' ')}  ${rateLabel(r.rate)}`),
      datasets: series.map((s) => ({
        label: s.label,
        data: rows.map((r) => r[s.key]),
        backgroundColor: s.color,
        borderRadius: 2,
        barPercentage: 0.7,
        categoryPercentage: 0.9,
      })),
    },
    options: {
      ...base,
      indexAxis: 'y',
      plugins: { ...base.plugins, tooltip: { ...base.plugins?.tooltip, mode: 'index', filter: (item) => (item.parsed.x ?? 0) > 0 } },
      scales: {
        x: {
          stacked: true,
          beginAtZero: true,
          grid: { color: t.grid },
          ticks: { color: t.muted, precision: 0 },
          border: { display: false },
          title: { display: true, text: 'attacks', color: t.muted },
        },
        y: { stacked: true, grid: { display: false }, ticks: { color: t.fg }, border: { color: t.grid } },
      },
    },
  });
  live.add(chart);
  return chart;
}
