// A small map of Russia's regions as dots at their centres (the overview's projection), with one
// region marked as the target and others as partners, linked to it. Plain SVG: a few dozen marks
// need no WebGL, and the picture prints and exports as it is.
import { useMemo } from 'react';
import type { Reference } from '../../../core/schemas';
import { project } from '../../../core/graph/projection';
import { useI18n } from '../i18n';

export interface MapPartner {
  region: string;
  rank: number;
  label?: string;
}

const WIDTH = 520;
const HEIGHT = 250;
const PAD = 12;

export function RegionMap({
  reference,
  target,
  partners,
  onPick,
}: {
  reference: Reference | undefined;
  target: string | null;
  partners: MapPartner[];
  onPick?: (region: string) => void;
}) {
  const { t } = useI18n();
  const points = useMemo(() => {
    const projected = (reference?.regions ?? []).map((r) => ({ code: r.code, ...project(r.lat, r.lon) }));
    if (projected.length === 0) return new Map<string, { x: number; y: number }>();
    const xs = projected.map((p) => p.x);
    const ys = projected.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const k = Math.min((WIDTH - 2 * PAD) / (x1 - x0 || 1), (HEIGHT - 2 * PAD) / (y1 - y0 || 1));
    return new Map(projected.map((p) => [p.code, { x: PAD + (p.x - x0) * k, y: HEIGHT - PAD - (p.y - y0) * k }]));
  }, [reference]);
  const name = (code: string) => {
    const r = reference?.regions.find((x) => x.code === code);
    return r ? t.pick(r) : code;
  };
  const partnerSet = new Map(partners.map((p) => [p.region, p]));
  const t0 = target ? points.get(target) : undefined;
  return (
    <figure className="region-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('partnerMap')}>
        {t0 &&
          partners.map((p) => {
            const q = points.get(p.region);
            return q ? <line key={p.region} x1={q.x} y1={q.y} x2={t0.x} y2={t0.y} className="partner-line" /> : null;
          })}
        {[...points].map(([code, p]) => {
          const partner = partnerSet.get(code);
          const cls = code === target ? 'target' : partner ? 'partner' : 'other';
          return (
            <g key={code} className={`region ${cls}`} data-region={code} onClick={() => onPick?.(code)}>
              <circle cx={p.x} cy={p.y} r={code === target ? 6 : partner ? 5 : 2.5} />
              {partner && (
                <text x={p.x + 6} y={p.y - 5}>
                  {partner.rank}
                </text>
              )}
              <title>
                {name(code)}
                {partner ? ` — №${partner.rank}${partner.label ? `, ${partner.label}` : ''}` : ''}
              </title>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend-note">
        <span className="mark target" /> {t('mapTarget')} · <span className="mark partner" /> {t('mapPartner')} ·{' '}
        <span className="mark other" /> {t('mapOther')}
      </figcaption>
    </figure>
  );
}
