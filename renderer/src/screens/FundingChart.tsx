// The detail view's funding chart. Created once per symbol: later data only replaces the series'
// points, and the visible range the trader zoomed or scrolled to is put back after each update
// (re-creating the chart, as it was, reset the zoom every 2 s). Series are named in an HTML legend
// above the chart rather than as price-axis titles, which overlapped when rates were close.
import { useEffect, useRef, useState } from 'react';
import { createChart, LineSeries, LineStyle, ColorType, type IChartApi, type ISeriesApi, type UTCTimestamp, type LogicalRange } from 'lightweight-charts';
import type { ScreenerRow } from '../../../src-core/api/channels/screener';
import type { VenueId } from '../../../src-core/domain/venue';
import { hourlyPct } from '../format/numbers';
import './screener-ux.css';
import { netSpreadPoints, predictedNet, predictedSegment, settledPoints, type HourlyPoint, type Point } from './chart-series';

type History = Readonly<Record<VenueId, readonly HourlyPoint[]>>;

const SERIES = [
  { id: 'lighter', label: 'Lighter settled', color: '#4d9fff', style: LineStyle.Solid, width: 2 },
  { id: 'extended', label: 'Extended settled', color: '#f2b134', style: LineStyle.Solid, width: 2 },
  { id: 'net', label: 'Net spread (short − long)', color: '#2ebd85', style: LineStyle.Solid, width: 2 },
  { id: 'lighter-predicted', label: 'Lighter predicted', color: '#4d9fff', style: LineStyle.Dashed, width: 1 },
  { id: 'extended-predicted', label: 'Extended predicted', color: '#f2b134', style: LineStyle.Dashed, width: 1 },
  { id: 'net-predicted', label: 'Net predicted', color: '#2ebd85', style: LineStyle.Dashed, width: 1 },
] as const;
type SeriesId = (typeof SERIES)[number]['id'];

const toData = (points: readonly Point[]) => points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value }));

export function FundingChart({ history, row, nowMs }: { history: History; row: ScreenerRow | undefined; nowMs: number }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const seriesRef = useRef<Map<SeriesId, ISeriesApi<'Line'>>>(new Map());
  const fitted = useRef(false);
  const [updates, setUpdates] = useState(0);

  useEffect(() => {
    if (ref.current === null) return;
    const el = ref.current;
    const chart = createChart(el, {
      height: 220,
      layout: { background: { type: ColorType.Solid, color: '#0f141c' }, textColor: '#8390a2', fontSize: 11 },
      grid: { vertLines: { color: '#1a212c' }, horzLines: { color: '#1a212c' } },
      rightPriceScale: { borderColor: '#222b38' },
      timeScale: { borderColor: '#222b38', timeVisible: true, secondsVisible: false },
      autoSize: true,
    });
    const priceFormat = { type: 'custom' as const, formatter: (p: number) => `${hourlyPct(p / 100)} %/h`, minMove: 0.0001 };
    for (const s of SERIES) {
      const predicted = s.style === LineStyle.Dashed;
      seriesRef.current.set(s.id, chart.addSeries(LineSeries, { color: s.color, lineWidth: s.width, lineStyle: s.style, priceFormat, lastValueVisible: false, priceLineVisible: false, pointMarkersVisible: predicted, pointMarkersRadius: 3 }));
    }
    // The visible range, for the tests and for the trader's zoom to be put back after an update.
    chart.timeScale().subscribeVisibleLogicalRangeChange((r) => {
      if (r === null) return;
      el.dataset.visibleFrom = r.from.toFixed(3);
      el.dataset.visibleTo = r.to.toFixed(3);
    });
    chartRef.current = chart;
    fitted.current = false;
    const series = seriesRef.current;
    return () => {
      chart.remove();
      chartRef.current = null;
      series.clear();
    };
  }, []);

  const predicted = predictedNet(row);
  const lighterPred = row?.lighterHourlyRate ?? null;
  const extendedPred = row?.extendedHourlyRate ?? null;
  const longVenue: VenueId = row?.longVenue ?? 'lighter';
  const nextMs = predicted.atMs;
  useEffect(() => {
    const chart = chartRef.current;
    if (chart === null) return;
    const lighter = settledPoints(history.lighter);
    const extended = settledPoints(history.extended);
    const net = netSpreadPoints(history, longVenue);
    const data: Record<SeriesId, Point[]> = {
      lighter,
      extended,
      net,
      'lighter-predicted': predictedSegment(lighter, lighterPred, nextMs, nowMs),
      'extended-predicted': predictedSegment(extended, extendedPred, nextMs, nowMs),
      'net-predicted': predictedSegment(net, predicted.rate, nextMs, nowMs),
    };
    const range: LogicalRange | null = fitted.current ? chart.timeScale().getVisibleLogicalRange() : null;
    for (const s of SERIES) seriesRef.current.get(s.id)?.setData(toData(data[s.id]));
    if (range !== null) chart.timeScale().setVisibleLogicalRange(range);
    else if (lighter.length + extended.length > 0) {
      chart.timeScale().fitContent();
      fitted.current = true;
    }
    setUpdates((n) => n + 1);
    // nowMs only places a prediction without a known settlement time: not a reason to redraw.
  }, [history, longVenue, lighterPred, extendedPred, predicted.rate, nextMs]);

  return (
    <div className="funding-chart">
      <div className="chart-legend" data-testid="chart-legend">
        {SERIES.map((s) => (
          <span key={s.id} className="legend-item" data-series={s.id}>
            <span className={`swatch ${s.style === LineStyle.Dashed ? 'dashed' : ''}`} style={{ borderColor: s.color }} />
            {s.label}
          </span>
        ))}
        <span className="legend-item muted" data-testid="chart-predicted">
          now: LGT {hourlyPct(lighterPred)} · EXT {hourlyPct(extendedPred)} · net {hourlyPct(predicted.rate)} %/h
        </span>
      </div>
      <div ref={ref} className="chart" data-testid="funding-chart" data-updates={updates} />
    </div>
  );
}
